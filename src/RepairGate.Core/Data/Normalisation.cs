using System.Globalization;

namespace RepairGate.Core.Data;

/// <summary>
/// Maps raw file values to model units: <c>x' = (x·Scale - Mean) / Std</c>. <see cref="Mean"/> and <see cref="Std"/> hold
/// one value (applied to every feature) or one per feature; null means 0 and 1. Must match how the model was trained:
/// RepairGate's models take IDX bytes scaled to [0, 1] (<see cref="UnitBytes"/>).
/// </summary>
/// <param name="Scale">Multiplies every raw value first (1/255 for IDX bytes).</param>
/// <param name="Mean">Subtracted after scaling: one value or one per feature.</param>
/// <param name="Std">Divides after the mean: one value or one per feature; every entry must be positive.</param>
public sealed record Normalisation(double Scale = 1, IReadOnlyList<double>? Mean = null, IReadOnlyList<double>? Std = null)
{
    /// <summary>Values as they are in the file.</summary>
    public static Normalisation Identity { get; } = new();

    /// <summary>Bytes 0..255 to [0, 1], the convention of <c>repairgate train</c> and <c>robustness-spec</c>.</summary>
    public static Normalisation UnitBytes { get; } = new(1 / 255.0);

    /// <summary>Throws <see cref="BadInputException"/> (naming <paramref name="source"/>) when the settings do not fit <paramref name="features"/> features.</summary>
    public void Validate(int features, string source)
    {
        if (!(double.IsFinite(Scale) && Scale != 0)) throw new BadInputException($"the normalisation scale must be a finite non-zero number, not {Scale}", source);
        foreach (var (values, name) in new[] { (Mean, "mean"), (Std, "std") })
        {
            if (values is null) continue;
            if (values.Count != 1 && values.Count != features)
                throw new BadInputException($"the normalisation {name} has {values.Count} values; give one, or one per feature ({features})", source);
            if (values.Any(v => !double.IsFinite(v) || (name == "std" && v <= 0)))
                throw new BadInputException($"every normalisation {name} value must be finite{(name == "std" ? " and positive" : "")}", source);
        }
    }

    /// <summary>Feature <paramref name="feature"/> of a raw value in model units.</summary>
    public double Apply(double raw, int feature)
    {
        var x = raw * Scale;
        if (Mean is { } mean) x -= mean.Count == 1 ? mean[0] : mean[feature];
        if (Std is { } std) x /= std.Count == 1 ? std[0] : std[feature];
        return x;
    }

    /// <summary>Parses "scale[;mean=m1,m2...][;std=s1,s2...]", e.g. "1/255" or "1/255;mean=0.2860;std=0.3530".</summary>
    public static Normalisation Parse(string text)
    {
        var parts = text.Split(';', StringSplitOptions.TrimEntries);
        var scale = ParseNumber(parts[0], text);
        IReadOnlyList<double>? mean = null, std = null;
        foreach (var part in parts.Skip(1))
        {
            var (key, value) = part.IndexOf('=') is var eq and > 0 ? (part[..eq].Trim(), part[(eq + 1)..]) : (part, "");
            var numbers = value.Split(',', StringSplitOptions.TrimEntries).Select(v => ParseNumber(v, text)).ToArray();
            switch (key.ToLowerInvariant())
            {
                case "mean": mean = numbers; break;
                case "std": std = numbers; break;
                default: throw new BadInputException($"bad normalisation '{text}': expected SCALE[;mean=M,...][;std=S,...], found '{part}'");
            }
        }
        return new Normalisation(scale, mean, std);
    }

    private static double ParseNumber(string text, string whole)
    {
        var slash = text.IndexOf('/');
        if (slash > 0 && double.TryParse(text[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            && double.TryParse(text[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d != 0)
            return n / d;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        throw new BadInputException($"bad normalisation '{whole}': '{text}' is not a number (or a fraction like 1/255)");
    }
}
