namespace RepairGate.Core.Reports;

/// <summary>
/// The one entry point that writes a run's reports to a folder, used by the CLI commands, the MSBuild runner and the
/// xUnit extension alike. Every file is written atomically and never over an input.
/// </summary>
public static class ReportWriter
{
    public const string JsonFile = "report.json";
    public const string JUnitFile = "junit.xml";
    public const string MarkdownFile = "summary.md";
    public const string HtmlFile = "report.html";
    public const string VnnCompFolder = "vnncomp";

    /// <summary>
    /// Writes the chosen renderings of <paramref name="report"/> into <paramref name="folder"/> and returns the paths
    /// written, in a stable order. <paramref name="protectedPaths"/> (the run's inputs) are never overwritten.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(RunReport report, string folder, ReportFormats formats,
        IReadOnlyCollection<string>? protectedPaths = null, CancellationToken cancellationToken = default)
    {
        var written = new List<string>();
        async Task Write(string name, Func<string> render)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, name);
            await AtomicFile.WriteAllTextAsync(path, render(), protectedPaths, cancellationToken);
            written.Add(path);
        }

        if (formats.HasFlag(ReportFormats.Json)) await Write(JsonFile, () => ReportJson.Serialize(report));
        if (formats.HasFlag(ReportFormats.JUnit)) await Write(JUnitFile, () => JUnitReport.Render(report));
        if (formats.HasFlag(ReportFormats.Markdown)) await Write(MarkdownFile, () => MarkdownReport.Render(report));
        if (formats.HasFlag(ReportFormats.Html)) await Write(HtmlFile, () => HtmlReport.Render(report));
        if (formats.HasFlag(ReportFormats.VnnComp))
            foreach (var (name, property) in VnnCompFileNames(report))
                await Write(Path.Combine(VnnCompFolder, name), () => VnnCompResultFile.Format(property.Verdict, property.Counterexample?.Inputs, property.Counterexample?.Outputs));
        return written;
    }

    /// <summary><c>model__property.txt</c> per property, with a numeric suffix when two models or properties share a file name.</summary>
    public static IEnumerable<(string Name, PropertyReport Property)> VnnCompFileNames(RunReport report)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (model, property) in report.AllProperties)
        {
            var stem = $"{model.Name}__{property.Name}";
            var name = stem + ".txt";
            for (var n = 2; !used.Add(name); n++) name = $"{stem}-{n}.txt";
            yield return (name, property);
        }
    }
}
