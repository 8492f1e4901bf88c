namespace RepairGate.Core.Reports;

/// <summary>The renderings <see cref="ReportWriter"/> can write.</summary>
[Flags]
public enum ReportFormats
{
    None = 0,
    Json = 1,
    JUnit = 2,
    Markdown = 4,
    Html = 8,
    VnnComp = 16,
    All = Json | JUnit | Markdown | Html | VnnComp,
}

public static class ReportFormatNames
{
    /// <summary>Names accepted by <c>--formats</c>, and the file each one writes.</summary>
    public static readonly IReadOnlyList<(string Name, ReportFormats Format, string File)> Known =
    [
        ("json", ReportFormats.Json, ReportWriter.JsonFile),
        ("junit", ReportFormats.JUnit, ReportWriter.JUnitFile),
        ("md", ReportFormats.Markdown, ReportWriter.MarkdownFile),
        ("html", ReportFormats.Html, ReportWriter.HtmlFile),
        ("vnncomp", ReportFormats.VnnComp, ReportWriter.VnnCompFolder + "/"),
    ];

    /// <summary>Parses a comma-separated list such as "junit,json"; "all" means every format.</summary>
    public static ReportFormats Parse(string text, string optionName = "--formats")
    {
        var formats = ReportFormats.None;
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (name.Equals("all", StringComparison.OrdinalIgnoreCase)) { formats = ReportFormats.All; continue; }
            var known = Known.FirstOrDefault(k => k.Name.Equals(name, StringComparison.OrdinalIgnoreCase) || (name.Equals("markdown", StringComparison.OrdinalIgnoreCase) && k.Format == ReportFormats.Markdown));
            if (known.Name is null)
                throw new BadInputException($"{optionName}: unknown format '{name}'; expected a comma-separated list of {string.Join(", ", Known.Select(k => k.Name))} or all");
            formats |= known.Format;
        }
        if (formats == ReportFormats.None) throw new BadInputException($"{optionName}: no format given");
        return formats;
    }
}
