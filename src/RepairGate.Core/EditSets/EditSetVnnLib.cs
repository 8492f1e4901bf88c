using System.Globalization;
using RepairGate.Core.Specs;

namespace RepairGate.Core.EditSets;

/// <summary>
/// Edit items as local-robustness properties: the unsafe set is "another class scores at least as high as the label"
/// (one polytope <c>Y_label - Y_j ≤ 0</c> per other class j) on the L∞ ball of the item's radius clipped to the
/// set's domain (a single point for radius 0).
/// </summary>
public static class EditSetVnnLib
{
    /// <summary>The unsafe outputs of label <paramref name="label"/>: one polytope <c>Y_label - Y_j ≤ 0</c> per other class.</summary>
    public static IReadOnlyList<OutputPolytope> UnsafeOutputs(int label, int classes)
    {
        if (label < 0 || label >= classes) throw new BadInputException($"label {label} is not one of the model's {classes} classes");
        var polytopes = new List<OutputPolytope>(classes - 1);
        for (var j = 0; j < classes; j++)
        {
            if (j == label) continue;
            var coefficients = new double[classes];
            coefficients[label] = 1;
            coefficients[j] = -1;
            polytopes.Add(new OutputPolytope([new LinearConstraint(coefficients, 0)]));
        }
        return polytopes;
    }

    /// <summary>The item as an in-memory property named after <paramref name="sourcePath"/> (no file is written).</summary>
    public static VnnProperty ToProperty(EditItem item, int classes, ValueRange? domain, string sourcePath)
    {
        var (lower, upper) = (new double[item.Input.Length], new double[item.Input.Length]);
        for (var i = 0; i < lower.Length; i++)
            (lower[i], upper[i]) = RobustnessProperty.ClippedBall(item.Input[i], item.Radius,
                domain?.Min ?? double.NegativeInfinity, domain?.Max ?? double.PositiveInfinity);
        return new VnnProperty(sourcePath, item.Input.Length, classes, [new PropertyCase(new InputBox(lower, upper), UnsafeOutputs(item.Label, classes))]);
    }

    /// <summary>The file name of item <paramref name="index"/>: <c>edit0007_region_eps0.01.vnnlib</c>, <c>edit0003_misclassified.vnnlib</c>.</summary>
    public static string FileName(EditItem item, int index) =>
        $"edit{index.ToString("D4", CultureInfo.InvariantCulture)}_{item.Kind.ToString().ToLowerInvariant()}"
        + (item.Radius > 0 ? $"_eps{RobustnessProperty.Format(item.Radius)}" : "") + ".vnnlib";

    /// <summary>
    /// Writes every item of <paramref name="set"/> to <paramref name="folder"/> (created if needed) as a VNNLIB property,
    /// each file atomically; returns the paths in item order.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(EditSet set, string folder, int classes, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var (min, max) = set.Domain is { } d ? (d.Min, d.Max) : (double.NegativeInfinity, double.PositiveInfinity);
        var paths = new List<string>(set.Count);
        for (var i = 0; i < set.Count; i++)
        {
            var item = set.Items[i];
            var text = RobustnessProperty.ToVnnLib(item.Input, item.Label, classes, item.Radius, min, max,
                $"edit set {set.Name}, item {i} ({item.Kind.ToString().ToLowerInvariant()}): {item.Origin}");
            var path = Path.Combine(folder, FileName(item, i));
            await AtomicFile.WriteAllTextAsync(path, text, cancellationToken: cancellationToken).ConfigureAwait(false);
            paths.Add(path);
        }
        return paths;
    }
}
