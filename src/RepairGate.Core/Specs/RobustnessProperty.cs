using System.Globalization;
using System.Text;

namespace RepairGate.Core.Specs;

/// <summary>
/// Local robustness of a classifier around one input, as VNNLIB (the style of VNN-COMP's mnist_fc and ERAN
/// benchmarks): the input box is the L∞ ball of radius eps around the image, clipped to [0, 1]; the unsafe set is
/// "some other class scores at least as high as the true class", a disjunction of one polytope per other class.
/// </summary>
public static class RobustnessProperty
{
    public static string ToVnnLib(IReadOnlyList<double> image, int label, int classes, double epsilon, string? comment = null)
    {
        if (label < 0 || label >= classes) throw new ArgumentOutOfRangeException(nameof(label), $"label {label} is not one of {classes} classes");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), "eps must be a non-negative number");
        var text = new StringBuilder();
        if (comment is not null)
            foreach (var line in comment.Split('\n')) text.Append("; ").Append(line).Append('\n');
        text.Append($"; L-infinity ball of radius {Format(epsilon)} clipped to [0, 1]; class {label} must stay strictly highest\n\n");
        for (var i = 0; i < image.Count; i++) text.Append($"(declare-const X_{i} Real)\n");
        text.Append('\n');
        for (var j = 0; j < classes; j++) text.Append($"(declare-const Y_{j} Real)\n");
        text.Append("\n; input box\n");
        for (var i = 0; i < image.Count; i++)
        {
            text.Append($"(assert (<= X_{i} {Format(Math.Min(1, image[i] + epsilon))}))\n");
            text.Append($"(assert (>= X_{i} {Format(Math.Max(0, image[i] - epsilon))}))\n");
        }
        text.Append("\n; unsafe: another class scores at least as high as the label\n(assert (or\n");
        for (var j = 0; j < classes; j++)
            if (j != label) text.Append($"    (and (>= Y_{j} Y_{label}))\n");
        text.Append("))\n");
        return text.ToString();
    }

    /// <summary>A file-name friendly form of eps, e.g. 0.01 → "0.01".</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
