using System.Text;
using RepairGate.Core.Verification;
using static RepairGate.Core.Reports.SvgCharts;

namespace RepairGate.Core.Reports;

/// <summary>
/// One self-contained HTML file (inline CSS and SVG, no scripts, no network): the summary at a glance, time and
/// margin per property, the per-property table with counterexamples, and per repair a weight-change heat map per
/// layer and the before/after outputs on the preserve set.
/// </summary>
public static class HtmlReport
{
    private const string HoldsColor = "#2e7d32", ViolatedColor = "#c62828", UnknownColor = "#f9a825", TimeoutColor = "#ef6c00";

    public static string Render(RunReport report)
    {
        var summary = ReportSummary.Of(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>RepairGate report</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        var (outcomeText, outcomeClass) = summary.Outcome switch
        {
            Outcome.Holds => ("PASSED", "holds"),
            Outcome.Violated => ("FAILED", "violated"),
            _ => ("UNDECIDED", "unknown"),
        };
        html.Append($"<header><h1>RepairGate report <span id=\"outcome\" class=\"badge {outcomeClass}\">{outcomeText}</span></h1>\n");
        html.Append($"<p id=\"headline\">{Escape(summary.Headline)}</p>\n");
        html.Append($"<p class=\"meta\">{Escape(report.Command)} · seed {report.Environment.Seed} · RepairGate {Escape(report.Environment.Tool)}");
        if (report.Shard is { } shard) html.Append($" · shard {shard}");
        if (report.Timing is { } timing) html.Append($" · started {timing.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC · {ReportText.Seconds(timing.Seconds)}");
        html.Append("</p></header>\n");

        html.Append("<section id=\"summary\" class=\"cards\">\n");
        Card(html, "holds", summary.Holds, "hold");
        Card(html, "violated", summary.Violated, "violated");
        Card(html, "unknown", summary.Unknown, "unknown");
        Card(html, "timeout", summary.Timeout, "timeout");
        Card(html, "neutral", summary.Models, summary.Models == 1 ? "model" : "models");
        if (report.Repairs.Count > 0) Card(html, summary.RepairsSucceeded == summary.Repairs ? "holds" : "violated", summary.RepairsSucceeded, $"of {summary.Repairs} repairs succeeded");
        html.Append("</section>\n");

        var all = report.AllProperties.ToList();
        if (all.Count > 0)
        {
            html.Append("<section id=\"charts\" class=\"charts\">\n");
            if (all.All(p => p.Property.Timing is not null))
                html.Append("<figure id=\"time-chart\">").Append(Bars(all.Select(p => new Bar(Label(p), p.Property.Timing!.Seconds, Color(p.Property.Verdict),
                    $"{Label(p)}: {ReportText.Meaning(p.Property.Verdict)} in {ReportText.Seconds(p.Property.Timing!.Seconds)}")).ToList(), "Time per property", " s", symmetric: false)).Append("</figure>\n");
            var withMargin = all.Where(p => MarginOf(p.Property) is not null).ToList();
            if (withMargin.Count > 0)
                html.Append("<figure id=\"margin-chart\">").Append(Bars(withMargin.Select(p => new Bar(Label(p), MarginOf(p.Property)!.Value, Color(p.Property.Verdict),
                    $"{Label(p)}: closest unsafe margin {ReportText.Number(MarginOf(p.Property)!.Value)} ({ReportText.Meaning(p.Property.Verdict)})")).ToList(),
                    "Closest margin to the unsafe set per property", "", symmetric: true)).Append("<figcaption>Smallest unsafe margin the search reached: negative means inside the unsafe set (a counterexample); for properties that hold, how close the network came.</figcaption></figure>\n");
            html.Append("</section>\n");
            PropertyTable(html, all);
        }

        foreach (var repair in report.Repairs) RepairSection(html, repair);
        EnvironmentSection(html, report);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void PropertyTable(StringBuilder html, IReadOnlyList<(ModelReport Model, PropertyReport Property)> all)
    {
        var timed = all.All(p => p.Property.Timing is not null);
        html.Append("<section id=\"properties\"><h2>Properties</h2>\n<table>\n<thead><tr><th></th><th>model</th><th>property</th><th>verdict</th>")
            .Append(timed ? "<th>time</th>" : "").Append("<th>closest margin</th><th>branches</th><th>detail</th></tr></thead>\n<tbody>\n");
        foreach (var (model, property) in all)
        {
            var cls = VerdictClass(property.Verdict);
            html.Append($"<tr class=\"{cls}\"><td><span class=\"dot {cls}\"></span></td><td title=\"{Escape(model.Path)}\">{Escape(model.Name)}</td><td title=\"{Escape(property.Path)}\">{Escape(property.Name)}</td><td>{ReportText.Meaning(property.Verdict)}</td>");
            if (timed) html.Append($"<td class=\"num\">{ReportText.Seconds(property.Timing!.Seconds)}</td>");
            html.Append($"<td class=\"num\">{(MarginOf(property) is { } m ? ReportText.Number(m) : "n/a")}</td><td class=\"num\">{property.Statistics.Branches}</td><td>{Escape(property.Detail)}");
            if (property.Counterexample is { } cex)
                html.Append($"<details><summary>counterexample: {Escape(cex.ViolatedConstraint)}</summary><pre>{Escape(ReportText.Counterexample(cex))}</pre></details>");
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table></section>\n");
    }

    private static void RepairSection(StringBuilder html, RepairReport r)
    {
        var cls = r.Succeeded ? "holds" : "violated";
        html.Append($"<section class=\"repair\"><h2>Repair of {Escape(Path.GetFileName(r.Model))} by {Escape(r.Engine)} <span class=\"badge {cls}\">{Escape(r.Status)}</span></h2>\n<p>{Escape(r.Detail)}</p>\n<div class=\"cards\">");
        MetricCard(html, ReportText.Number(r.WeightChange.LInf), "largest weight change (L∞)");
        MetricCard(html, ReportText.Number(r.WeightChange.L1), "total change (L1)");
        MetricCard(html, r.WeightChange.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "values changed");
        MetricCard(html, ReportText.Percent(r.Efficacy), "efficacy (edits fixed)");
        MetricCard(html, ReportText.Percent(r.Drawdown), "drawdown (preserve set)");
        MetricCard(html, ReportText.Percent(r.Generalisation), "generalisation");
        MetricCard(html, r.FinalVerdict is { } v ? ReportText.Meaning(v) : "not re-verified", "final re-verification");
        html.Append("</div>\n<div class=\"charts\">\n");
        foreach (var layer in r.LayerChanges)
            html.Append("<figure class=\"heatmap\">").Append(Heatmap(layer.WeightDelta, layer.Rows, layer.Columns, $"Weight change, layer {layer.Layer} ({layer.Name}, {layer.Rows}x{layer.Columns})")).Append("</figure>\n");
        if (r.Preserve.Count > 0)
        {
            var points = r.Preserve.SelectMany(p => p.Before.Zip(p.After)).Take(5000).ToList();
            html.Append("<figure class=\"preserve\">").Append(Scatter(points, $"Outputs on {r.Preserve.Count} preserve points", "before repair", "after repair"))
                .Append("<figcaption>Each dot is one output of one preserve point; on the diagonal means unchanged.</figcaption></figure>\n");
        }
        html.Append("</div>\n");
        if (r.Iterations.Count > 0)
        {
            html.Append("<table><thead><tr><th>iteration</th><th>counterexamples</th><th>edit points</th><th>status</th><th>L∞ change</th><th>verdict</th></tr></thead><tbody>\n");
            foreach (var it in r.Iterations)
                html.Append($"<tr><td class=\"num\">{it.Iteration}</td><td class=\"num\">{it.Counterexamples}</td><td class=\"num\">{it.EditPoints}</td><td>{Escape(it.Status)}</td><td class=\"num\">{ReportText.Number(it.WeightChangeLInf)}</td><td>{(it.Verdict is { } iv ? ReportText.Meaning(iv) : "n/a")}</td></tr>\n");
            html.Append("</tbody></table>\n");
        }
        if (r.Solver.Count > 0)
            html.Append("<p class=\"meta\">solver: ").Append(Escape(string.Join(", ", r.Solver.Select(kv => $"{kv.Key} {kv.Value}")))).Append("</p>\n");
        html.Append("</section>\n");
    }

    private static void EnvironmentSection(StringBuilder html, RunReport report)
    {
        var e = report.Environment;
        html.Append("<section id=\"environment\"><h2>Environment and inputs</h2>\n<table>\n");
        foreach (var (key, value) in new[] { ("RepairGate", e.Tool), ("runtime", e.Runtime), ("OS", $"{e.Os} ({e.Architecture})"), ("machine", $"{e.Machine}, {e.ProcessorCount} processors"), ("seed", e.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
                     .Concat(e.Components.Select(kv => (kv.Key, kv.Value))))
            html.Append($"<tr><th>{Escape(key)}</th><td>{Escape(value)}</td></tr>\n");
        foreach (var m in report.Models) html.Append($"<tr><th>model</th><td>{Escape(m.Path)}<br><code>{m.Sha256}</code></td></tr>\n");
        foreach (var p in report.AllProperties.Select(p => p.Property).DistinctBy(p => p.Path).OrderBy(p => p.Path, StringComparer.Ordinal))
            html.Append($"<tr><th>property</th><td>{Escape(p.Path)}<br><code>{p.Sha256}</code></td></tr>\n");
        html.Append("</table></section>\n");
    }

    private static double? MarginOf(PropertyReport p) => p.Counterexample?.Margin ?? p.Statistics.BestMargin;

    private static string Label((ModelReport Model, PropertyReport Property) p) => $"{p.Model.Name} / {p.Property.Name}";

    private static void Card(StringBuilder html, string cls, int count, string label) =>
        html.Append($"<div class=\"card {cls}\"><div class=\"count\">{count}</div><div>{Escape(label)}</div></div>\n");

    private static void MetricCard(StringBuilder html, string value, string label) =>
        html.Append($"<div class=\"card neutral\"><div class=\"count small\">{Escape(value)}</div><div>{Escape(label)}</div></div>");

    private static string Color(Verdict v) => v switch { Verdict.Unsat => HoldsColor, Verdict.Sat => ViolatedColor, Verdict.Timeout => TimeoutColor, _ => UnknownColor };

    private static string VerdictClass(Verdict v) => v switch { Verdict.Unsat => "holds", Verdict.Sat => "violated", Verdict.Timeout => "timeout", _ => "unknown" };

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #222; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin-top: 28px; }
        .meta { color: #666; font-size: 13px; } #headline { font-size: 17px; margin: 4px 0; }
        .badge { font-size: 14px; padding: 3px 10px; border-radius: 12px; color: #fff; vertical-align: middle; }
        .badge.holds { background: #2e7d32; } .badge.violated { background: #c62828; } .badge.unknown { background: #f9a825; color: #222; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
        .card { border-radius: 8px; padding: 10px 16px; min-width: 110px; border-left: 6px solid #999; background: #f5f5f5; }
        .card.holds { border-color: #2e7d32; } .card.violated { border-color: #c62828; } .card.unknown { border-color: #f9a825; } .card.timeout { border-color: #ef6c00; }
        .count { font-size: 28px; font-weight: 600; } .count.small { font-size: 18px; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; } figure { margin: 0; } figcaption { font-size: 12px; color: #666; max-width: 900px; }
        svg text { font-size: 11px; fill: #333; } svg .title { font-size: 13px; font-weight: 600; } svg .tick { font-size: 10px; fill: #666; }
        svg .axis, svg .frame { stroke: #888; stroke-width: 1; } svg .diagonal { stroke: #bbb; stroke-dasharray: 4 3; } svg .point { fill: #1565c0; fill-opacity: 0.6; }
        table { border-collapse: collapse; font-size: 13px; } th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; } tr.violated { background: #fdecea; } tr.unknown, tr.timeout { background: #fff8e1; }
        .dot { display: inline-block; width: 10px; height: 10px; border-radius: 5px; } .dot.holds { background: #2e7d32; } .dot.violated { background: #c62828; } .dot.unknown { background: #f9a825; } .dot.timeout { background: #ef6c00; }
        pre { font-size: 12px; background: #f7f7f7; padding: 6px; white-space: pre-wrap; max-width: 900px; } code { font-size: 12px; }

        """;
}
