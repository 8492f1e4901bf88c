namespace RepairGate.Core.EditSets;

/// <summary>
/// How to build an edit set, parsed from the command line or MSBuild metadata:
/// <c>misclassified[:N]</c>, <c>classes:C1,C2[:N]</c>, <c>corrupted:noise|brightness|blur|fog:SEVERITY[:N]</c>,
/// <c>region:EPSILON[:N]</c> (L∞ balls around correctly classified points), or <c>file:PATH</c> (a CSV of label and
/// inputs, every row a <see cref="EditKind.Class"/> item). N caps the items (first N in data order).
/// </summary>
/// <param name="Text">The spec as written (the edit set's name in reports).</param>
/// <param name="Kind">The kind of items it builds.</param>
/// <param name="Count">Cap on the number of items, or null for all that qualify.</param>
/// <param name="Classes">For <c>classes</c>: the chosen labels.</param>
/// <param name="Corruption">For <c>corrupted</c>: which corruption.</param>
/// <param name="Amount">Severity for <c>corrupted</c>, radius for <c>region</c>; 0 otherwise.</param>
/// <param name="Path">For <c>file</c>: the CSV path.</param>
public sealed record EditSetSpec(string Text, EditKind Kind, int? Count, IReadOnlyList<int> Classes, Corruption? Corruption, double Amount, string? Path)
{
    /// <summary>The grammar, for error messages and help text.</summary>
    public const string Grammar = "misclassified[:N], classes:C1,C2[:N], corrupted:noise|brightness|blur|fog:SEVERITY[:N], region:EPSILON[:N] or file:PATH";

    /// <summary>Parses <paramref name="text"/>; throws <see cref="BadInputException"/> naming the bad part.</summary>
    public static EditSetSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':');
        var kind = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        var rest = colon < 0 ? null : trimmed[(colon + 1)..];
        // file: takes everything after the first colon, so paths with colons (C:\...) work.
        if (kind == "file")
        {
            if (string.IsNullOrWhiteSpace(rest)) throw Bad(trimmed, "file: needs a CSV path, e.g. file:edits.csv");
            return new EditSetSpec(trimmed, EditKind.Class, null, [], null, 0, rest.Trim());
        }
        var parts = rest is null ? [] : rest.Split(':');
        switch (kind)
        {
            case "misclassified":
                Arity(trimmed, parts, 0, 1);
                return new EditSetSpec(trimmed, EditKind.Misclassified, CountAt(trimmed, parts, 0), [], null, 0, null);
            case "classes" or "class":
                Arity(trimmed, parts, 1, 2);
                var classes = parts[0].Split(',', StringSplitOptions.TrimEntries).Select(c => Label(trimmed, c)).Distinct().ToArray();
                return new EditSetSpec(trimmed, EditKind.Class, CountAt(trimmed, parts, 1), classes, null, 0, null);
            case "corrupted" or "corruption":
                Arity(trimmed, parts, 2, 3);
                var corruption = CorruptionName(trimmed, parts[0]);
                var severity = Number(trimmed, parts[1], "severity");
                var valid = corruption switch
                {
                    EditSets.Corruption.Brightness => severity is >= -1 and <= 1 && severity != 0,
                    EditSets.Corruption.Fog => severity is > 0 and <= 1,
                    _ => severity > 0,
                };
                if (!valid)
                    throw Bad(trimmed, $"{parts[0]} severity {parts[1]} is out of range ({(corruption switch { EditSets.Corruption.Brightness => "-1..1, not 0", EditSets.Corruption.Fog => "above 0, at most 1", _ => "above 0" })})");
                return new EditSetSpec(trimmed, EditKind.Corrupted, CountAt(trimmed, parts, 2), [], corruption, severity, null);
            case "region" or "robustness":
                Arity(trimmed, parts, 1, 2);
                var epsilon = Number(trimmed, parts[0], "radius");
                if (!(epsilon > 0)) throw Bad(trimmed, $"the region radius must be above 0, not {parts[0]}");
                return new EditSetSpec(trimmed, EditKind.Region, CountAt(trimmed, parts, 1), [], null, epsilon, null);
            default:
                throw Bad(trimmed, kind.Length == 0 ? "empty spec" : $"unknown kind '{kind}'");
        }
    }

    private static void Arity(string text, string[] parts, int min, int max)
    {
        if (parts.Length < min || parts.Length > max)
            throw Bad(text, parts.Length < min ? $"too few parts after '{text.Split(':')[0]}'" : $"too many parts ('{string.Join(":", parts.Skip(max))}' is extra)");
    }

    private static int? CountAt(string text, string[] parts, int index)
    {
        if (parts.Length <= index) return null;
        if (int.TryParse(parts[index], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        throw Bad(text, $"the item count '{parts[index]}' must be a positive integer");
    }

    private static int Label(string text, string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k)
            ? k : throw Bad(text, $"class '{value}' must be a non-negative integer label");

    private static double Number(string text, string value, string what) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v : throw Bad(text, $"the {what} '{value}' is not a number");

    private static Corruption CorruptionName(string text, string value) => value.Trim().ToLowerInvariant() switch
    {
        "noise" or "gaussian" => EditSets.Corruption.Noise,
        "brightness" => EditSets.Corruption.Brightness,
        "blur" => EditSets.Corruption.Blur,
        "fog" => EditSets.Corruption.Fog,
        _ => throw Bad(text, $"unknown corruption '{value}'; known: noise, brightness, blur, fog"),
    };

    private static BadInputException Bad(string text, string why) => new($"bad edit set '{text}': {why}; expected {Grammar}");
}
