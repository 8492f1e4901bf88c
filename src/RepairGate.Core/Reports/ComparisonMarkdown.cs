using System.Text;
using RepairGate.Core.Comparison;
using RepairGate.Core.Metrics;

namespace RepairGate.Core.Reports;

/// <summary>
/// The comparison as Markdown: a headline, one table row per method after the original model, the best method, and
/// each method's detail. <c>deterministic</c> leaves the time and memory columns out (they vary run to run).
/// </summary>
public static class ComparisonMarkdown
{
    public static string Render(ComparisonResult result, bool deterministic, bool withConfusion = false)
    {
        var md = new StringBuilder();
        md.Append("## RepairGate comparison: ").Append(Cell(result.Model)).Append("\n\n");
        md.Append(ComparisonRows.Headline(result)).Append("\n\n");
        md.Append("| method | status | test accuracy | drawdown | efficacy | generalisation | L∞ change | L1 change | layers |");
        if (!deterministic) md.Append(" time | peak memory |");
        md.Append('\n').Append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        if (!deterministic) md.Append(" ---: | ---: |");
        md.Append('\n');
        Row(md, result, "original", "-", result.Original, null, deterministic ? null : "-", deterministic ? null : "-");
        foreach (var m in result.Methods)
            Row(md, result, m.Method, m.Status.ToString(), m.Scores, m.Change,
                deterministic ? null : ComparisonRows.Seconds(m.Elapsed), deterministic ? null : ComparisonRows.Megabytes(m.PeakMemoryBytes));
        md.Append('\n').Append(ComparisonRows.Verdict(result)).Append('\n');
        if (result.Methods.Count > 0)
        {
            md.Append('\n');
            foreach (var m in result.Methods) md.Append("- ").Append(m.Method).Append(": ").Append(OneLine(m.Detail)).Append('\n');
        }
        if (withConfusion)
        {
            md.Append("\nConfusion matrix of the original model on the test rows (rows: label, columns: prediction):\n\n");
            Confusion(md, result.Original.Confusion);
        }
        return md.ToString();
    }

    /// <summary>A confusion matrix as a Markdown table, with a "tie" column only when some output had a tied maximum.</summary>
    public static void Confusion(StringBuilder md, ConfusionMatrix confusion)
    {
        var ties = confusion.Counts.Any(r => r.Length > confusion.Classes && r[confusion.Classes] > 0);
        var columns = Enumerable.Range(0, confusion.Classes).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (ties) columns.Add("tie");
        md.Append("| label | ").Append(string.Join(" | ", columns)).Append(" | accuracy |\n");
        md.Append("| ---: |").Append(string.Concat(Enumerable.Repeat(" ---: |", columns.Count))).Append(" ---: |\n");
        for (var k = 0; k < confusion.Classes; k++)
        {
            var row = confusion.Counts[k];
            md.Append("| ").Append(k).Append(" | ");
            md.Append(string.Join(" | ", Enumerable.Range(0, columns.Count).Select(j => j < row.Length ? row[j] : 0)));
            md.Append(" | ").Append(row.Sum() == 0 ? "n/a" : ComparisonRows.Percent(confusion.ClassAccuracy(k))).Append(" |\n");
        }
    }

    private static void Row(StringBuilder md, ComparisonResult result, string name, string status, ClassifierScores? scores, Repair.WeightChange? change, string? time, string? memory)
    {
        md.Append("| ").Append(Cell(name)).Append(" | ").Append(status).Append(" | ");
        if (scores is null) md.Append("- | - | - | - | ");
        else md.Append(ComparisonRows.Percent(scores.TestAccuracy)).Append(" | ").Append(ComparisonRows.Percent(scores.Drawdown)).Append(" | ")
            .Append(ComparisonRows.Share(scores.Efficacy, result.RepairItems)).Append(" | ").Append(ComparisonRows.Share(scores.Generalisation, result.HeldOutItems)).Append(" | ");
        if (change is null) md.Append("- | - | - |");
        else md.Append(ComparisonRows.Number(change.LInf)).Append(" | ").Append(ComparisonRows.Number(change.L1)).Append(" | ").Append(Cell(ComparisonRows.Layers(change.Layers))).Append(" |");
        if (time is not null) md.Append(' ').Append(time).Append(" | ").Append(memory).Append(" |");
        md.Append('\n');
    }

    private static string Cell(string text) => OneLine(text).Replace("|", "\\|");

    private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");
}
