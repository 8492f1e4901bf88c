using RepairGate.Core.Comparison;

namespace RepairGate.Core.Reports;

/// <summary>Writes the chosen renderings of a comparison into a folder, atomically and never over an input.</summary>
public static class ComparisonReportWriter
{
    /// <summary>Returns the paths written, in a stable order (md, csv, html, json).</summary>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(ComparisonResult result, string folder, ComparisonFormats formats, bool deterministic,
        double? maxDrawdown = null, IReadOnlyCollection<string>? protectedPaths = null, CancellationToken cancellationToken = default)
    {
        var written = new List<string>();
        foreach (var (_, format, file) in ComparisonFormatNames.Known)
        {
            if (!formats.HasFlag(format)) continue;
            cancellationToken.ThrowIfCancellationRequested();
            var text = format switch
            {
                ComparisonFormats.Markdown => ComparisonMarkdown.Render(result, deterministic, withConfusion: result.Methods.Count == 0),
                ComparisonFormats.Csv => ComparisonCsv.Render(result, deterministic),
                ComparisonFormats.Html => ComparisonHtml.Render(result, deterministic, maxDrawdown),
                _ => ComparisonJson.Render(result, deterministic),
            };
            var path = Path.Combine(folder, file);
            await AtomicFile.WriteAllTextAsync(path, text, protectedPaths, cancellationToken).ConfigureAwait(false);
            written.Add(path);
        }
        return written;
    }
}
