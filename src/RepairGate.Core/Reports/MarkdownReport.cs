using System.Text;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Reports;

/// <summary>
/// A Markdown summary for a pull-request comment or <c>$GITHUB_STEP_SUMMARY</c>: headline, violations with their
/// counterexamples, a per-property table and repairs. Kept under <see cref="MaxCharacters"/> (GitHub comments take
/// 65,536) by cutting table rows, never the headline or the violations' names.
/// </summary>
public static class MarkdownReport
{
    public const int MaxCharacters = 60_000;
    private const int MaxDetailedViolations = 20;
    private const int MaxHashRows = 100;

    public static string Render(RunReport report)
    {
        for (var rows = int.MaxValue; ; rows = rows == int.MaxValue ? 400 : rows / 2)
        {
            var text = Render(report, rows);
            if (text.Length <= MaxCharacters || rows == 0) return text;
        }
    }

    private static string Render(RunReport report, int maxRows)
    {
        var summary = ReportSummary.Of(report);
        var md = new StringBuilder();
        var mark = summary.Outcome switch { Outcome.Holds => "✅", Outcome.Violated => "❌", _ => "⚠️" };
        md.Append($"## {mark} RepairGate: {summary.Headline}\n\n");
        md.Append($"`{report.Command}` · seed {report.Environment.Seed} · RepairGate {report.Environment.Tool}");
        if (report.Shard is { } shard) md.Append($" · shard {shard}");
        if (report.Timing is { } timing) md.Append($" · {ReportText.Seconds(timing.Seconds)}");
        md.Append("\n\n");

        var violations = report.AllProperties.Where(p => p.Property.Verdict == Verdict.Sat).ToList();
        if (violations.Count > 0)
        {
            md.Append("### Violations\n\n");
            foreach (var (model, property) in violations.Take(MaxDetailedViolations))
            {
                md.Append($"<details><summary>❌ <b>{Html(property.Name)}</b> on <b>{Html(model.Name)}</b>: {Html(property.Counterexample?.ViolatedConstraint ?? property.Detail)}</summary>\n\n");
                md.Append("```text\n").Append(property.Counterexample is { } cex ? ReportText.Counterexample(cex) : property.Detail).Append("\n```\n\n</details>\n\n");
            }
            if (violations.Count > MaxDetailedViolations)
                md.Append($"… and {violations.Count - MaxDetailedViolations} more violations: {string.Join(", ", violations.Skip(MaxDetailedViolations).Select(v => $"{v.Property.Name} on {v.Model.Name}"))}\n\n");
        }

        var all = report.AllProperties.ToList();
        if (all.Count > 0)
        {
            var timed = all.All(p => p.Property.Timing is not null);
            md.Append("### Properties\n\n| | model | property | verdict | ").Append(timed ? "time | " : "").Append("detail |\n|---|---|---|---|").Append(timed ? "---:|" : "").Append("---|\n");
            // Problems first so a cut table still shows what stopped the build.
            foreach (var (model, property) in all.OrderBy(p => p.Property.Verdict == Verdict.Unsat).Take(maxRows))
            {
                md.Append($"| {Mark(property.Verdict)} | {Cell(model.Name)} | {Cell(property.Name)} | {ReportText.Meaning(property.Verdict)} | ");
                if (timed) md.Append(ReportText.Seconds(property.Timing!.Seconds)).Append(" | ");
                md.Append(Cell(property.Detail)).Append(" |\n");
            }
            if (all.Count > maxRows) md.Append($"\n… {all.Count - maxRows} more rows (all properties hold) in the JSON and HTML reports.\n");
            md.Append('\n');
        }

        if (report.Repairs.Count > 0)
        {
            md.Append("### Repairs\n\n| | model | engine | status | layers | L∞ | L1 | changed | efficacy | drawdown | generalisation | iterations | final verdict |\n|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
            foreach (var r in report.Repairs)
                md.Append($"| {(r.Succeeded ? "✅" : "❌")} | {Cell(Path.GetFileNameWithoutExtension(r.Model))} | {Cell(r.Engine)} | {Cell(r.Status)} | {string.Join(", ", r.Layers)} | {ReportText.Number(r.WeightChange.LInf)} | {ReportText.Number(r.WeightChange.L1)} | {r.WeightChange.Count} | {ReportText.Percent(r.Efficacy)} | {ReportText.Percent(r.Drawdown)} | {ReportText.Percent(r.Generalisation)} | {r.Iterations.Count} | {r.FinalVerdict?.ToResultWord() ?? "n/a"} |\n");
            md.Append('\n');
        }

        var files = report.Models.Select(m => (m.Path, m.Sha256))
            .Concat(report.AllProperties.Select(p => p.Property).DistinctBy(p => p.Path).OrderBy(p => p.Path, StringComparer.Ordinal).Select(p => (p.Path, p.Sha256)))
            .ToList();
        if (files.Count > 0 && files.Count <= MaxHashRows)
        {
            md.Append("<details><summary>Inputs (SHA-256)</summary>\n\n| file | sha256 |\n|---|---|\n");
            foreach (var (path, sha) in files) md.Append($"| {Cell(path)} | `{sha}` |\n");
            md.Append("\n</details>\n");
        }
        else if (files.Count > MaxHashRows)
        {
            md.Append($"SHA-256 of the {files.Count} input files: see the JSON report.\n");
        }
        return md.ToString();
    }

    private static string Mark(Verdict verdict) => verdict switch { Verdict.Unsat => "✅", Verdict.Sat => "❌", _ => "⚠️" };

    private static string Cell(string text) => Html(text).Replace("|", "\\|").Replace("\n", " ");

    private static string Html(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
