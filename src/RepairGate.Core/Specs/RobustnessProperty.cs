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
    public static string ToVnnLib(IReadOnlyList<double> image, int label, int classes, double epsilon, string? comment = null) =>
        ToVnnLib(image, label, classes, epsilon, 0, 1, comment);

    /// <summary>The same property with the ball clipped to [<paramref name="domainMin"/>, <paramref name="domainMax"/>] instead of [0, 1].</summary>
    public static string ToVnnLib(IReadOnlyList<double> image, int label, int classes, double epsilon, double domainMin, double domainMax, string? comment = null)
    {
        if (label < 0 || label >= classes) throw new ArgumentOutOfRangeException(nameof(label), $"label {label} is not one of {classes} classes");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), "eps must be a non-negative number");
        var text = new StringBuilder();
        if (comment is not null)
            foreach (var line in comment.Split('\n')) text.Append("; ").Append(line).Append('\n');
        if (!(domainMin <= domainMax)) throw new ArgumentOutOfRangeException(nameof(domainMin), $"the domain [{domainMin}, {domainMax}] is empty");
        text.Append($"; L-infinity ball of radius {Format(epsilon)} clipped to [{Format(domainMin)}, {Format(domainMax)}]; class {label} must stay strictly highest\n\n");
        for (var i = 0; i < image.Count; i++) text.Append($"(declare-const X_{i} Real)\n");
        text.Append('\n');
        for (var j = 0; j < classes; j++) text.Append($"(declare-const Y_{j} Real)\n");
        text.Append("\n; input box\n");
        for (var i = 0; i < image.Count; i++)
        {
            var (low, high) = ClippedBall(image[i], epsilon, domainMin, domainMax);
            text.Append($"(assert (<= X_{i} {Format(high)}))\n");
            text.Append($"(assert (>= X_{i} {Format(low)}))\n");
        }
        text.Append("\n; unsafe: another class scores at least as high as the label\n(assert (or\n");
        for (var j = 0; j < classes; j++)
            if (j != label) text.Append($"    (and (>= Y_{j} Y_{label}))\n");
        text.Append("))\n");
        return text.ToString();
    }

    /// <summary>[v - eps, v + eps] ∩ [min, max]; a point outside the domain keeps itself in its box.</summary>
    public static (double Low, double High) ClippedBall(double value, double epsilon, double domainMin, double domainMax) =>
        (Math.Min(value, Math.Max(domainMin, value - epsilon)), Math.Max(value, Math.Min(domainMax, value + epsilon)));

    /// <summary>A file-name friendly form of eps, e.g. 0.01 → "0.01".</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
