namespace RepairGate.Core.Reports;

/// <summary>The renderings of a method comparison that <see cref="ComparisonReportWriter"/> can write.</summary>
[Flags]
public enum ComparisonFormats
{
    None = 0,
    Markdown = 1,
    Csv = 2,
    Html = 4,
    Json = 8,
    All = Markdown | Csv | Html | Json,
}

public static class ComparisonFormatNames
{
    /// <summary>Names accepted by <c>compare --formats</c>, and the file each one writes.</summary>
    public static readonly IReadOnlyList<(string Name, ComparisonFormats Format, string File)> Known =
    [
        ("md", ComparisonFormats.Markdown, "comparison.md"),
        ("csv", ComparisonFormats.Csv, "comparison.csv"),
        ("html", ComparisonFormats.Html, "comparison.html"),
        ("json", ComparisonFormats.Json, "comparison.json"),
    ];

    /// <summary>Parses a comma-separated list such as "md,csv"; "all" means every format.</summary>
    public static ComparisonFormats Parse(string text, string optionName = "--formats")
    {
        var formats = ComparisonFormats.None;
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (name.Equals("all", StringComparison.OrdinalIgnoreCase)) { formats = ComparisonFormats.All; continue; }
            var known = Known.FirstOrDefault(k => k.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                || (name.Equals("markdown", StringComparison.OrdinalIgnoreCase) && k.Format == ComparisonFormats.Markdown));
            if (known.Name is null)
                throw new BadInputException($"{optionName}: unknown format '{name}'; expected a comma-separated list of {string.Join(", ", Known.Select(k => k.Name))} or all");
            formats |= known.Format;
        }
        return formats == ComparisonFormats.None ? throw new BadInputException($"{optionName}: no format given") : formats;
    }

    public static string FileName(ComparisonFormats format) => Known.First(k => k.Format == format).File;
}
