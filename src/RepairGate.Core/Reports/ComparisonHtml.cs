using System.Text;
using RepairGate.Core.Comparison;
using RepairGate.Core.Metrics;
using static RepairGate.Core.Reports.SvgCharts;

namespace RepairGate.Core.Reports;

/// <summary>
/// The comparison as one self-contained HTML file (inline CSS and SVG, no scripts, no network): the table, drawdown
/// against efficacy, scores per method, weight change per method, and the confusion matrices of the original and the
/// best method on the test rows. <c>deterministic</c> leaves time and memory out.
/// </summary>
public static class ComparisonHtml
{
    private static readonly string[] MethodColors = ["#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e", "#558b2f"];
    private const string OriginalColor = "#757575";

    public static string Render(ComparisonResult result, bool deterministic, double? maxDrawdown = null)
    {
        var best = ComparisonRows.Best(result);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>RepairGate comparison: ").Append(Escape(result.Model))
            .Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        html.Append("<header><h1>RepairGate comparison: ").Append(Escape(result.Model)).Append("</h1>\n");
        html.Append("<p id=\"headline\">").Append(Escape(ComparisonRows.Headline(result))).Append("</p>\n");
        html.Append("<p id=\"verdict\">").Append(Escape(ComparisonRows.Verdict(result))).Append("</p></header>\n");

        Table(html, result, best, deterministic);

        var points = new List<ComparisonCharts.Point> { Point("original", result.Original, OriginalColor) };
        for (var i = 0; i < result.Methods.Count; i++)
            if (result.Methods[i].Scores is { } s) points.Add(Point(result.Methods[i].Method, s, MethodColors[i % MethodColors.Length]));
        html.Append("<section id=\"charts\" class=\"charts\">\n");
        if (result.Methods.Count > 0 && result.RepairItems > 0)
            html.Append("<figure id=\"drawdown-efficacy\">").Append(ComparisonCharts.DrawdownVsEfficacy(points, maxDrawdown))
                .Append("<figcaption>Each method's repaired model: share of the repair items it satisfies against the test accuracy it lost.</figcaption></figure>\n");
        html.Append("<figure id=\"scores\">").Append(ComparisonCharts.ScoreBars(points, result.RepairItems > 0, result.HeldOutItems > 0)).Append("</figure>\n");
        var changed = result.Methods.Where(m => m.Change is not null).ToList();
        if (changed.Count > 0)
            html.Append("<figure id=\"weight-change\">").Append(Bars(changed.Select((m, i) => new Bar(m.Method, m.Change!.LInf, MethodColors[result.Methods.ToList().IndexOf(m) % MethodColors.Length],
                $"{m.Method}: L∞ {ComparisonRows.Number(m.Change.LInf)}, L1 {ComparisonRows.Number(m.Change.L1)}, {m.Change.ParametersTouched} parameters")).ToList(),
                "Largest single weight change (L∞) per method", "", symmetric: false)).Append("</figure>\n");
        html.Append("</section>\n");

        html.Append("<section id=\"confusion\" class=\"charts\">\n");
        html.Append("<figure>").Append(ComparisonCharts.Confusion(result.Original.Confusion, "Original model on the test rows")).Append("</figure>\n");
        if (best?.Scores is { } bestScores)
            html.Append("<figure>").Append(ComparisonCharts.Confusion(bestScores.Confusion, $"Best method ({best.Method}) on the test rows")).Append("</figure>\n");
        html.Append("</section>\n");
        if (best?.Scores is { } b) ClassTable(html, result.Original.Confusion, b.Confusion, best.Method);

        if (result.Methods.Count > 0)
        {
            html.Append("<section id=\"details\"><h2>Details</h2>\n<ul>\n");
            foreach (var m in result.Methods) html.Append("<li><b>").Append(Escape(m.Method)).Append("</b>: ").Append(Escape(m.Detail)).Append("</li>\n");
            html.Append("</ul></section>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static ComparisonCharts.Point Point(string label, ClassifierScores s, string color) =>
        new(label, s.TestAccuracy, s.Drawdown, s.Efficacy, s.Generalisation, color);

    private static void Table(StringBuilder html, ComparisonResult result, MethodResult? best, bool deterministic)
    {
        html.Append("<section id=\"table\"><table>\n<thead><tr><th>method</th><th>status</th><th>test accuracy</th><th>drawdown</th><th>efficacy</th><th>generalisation</th><th>L∞ change</th><th>L1 change</th><th>layers</th>");
        if (!deterministic) html.Append("<th>time</th><th>peak memory</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        Row(html, result, "original", "-", "original", result.Original, null, deterministic ? null : ("-", "-"));
        foreach (var m in result.Methods)
        {
            var cls = ReferenceEquals(m, best) ? "best" : m.Repaired is null ? "failed" : "";
            Row(html, result, m.Method, m.Status.ToString(), cls, m.Scores, m.Change,
                deterministic ? null : (ComparisonRows.Seconds(m.Elapsed), ComparisonRows.Megabytes(m.PeakMemoryBytes)));
        }
        html.Append("</tbody>\n</table></section>\n");
    }

    private static void Row(StringBuilder html, ComparisonResult result, string name, string status, string cls, ClassifierScores? s, Repair.WeightChange? c, (string Time, string Memory)? cost)
    {
        html.Append($"<tr class=\"{cls}\"><td>{Escape(name)}</td><td>{Escape(status)}</td>");
        string Num(string text) => $"<td class=\"num\">{Escape(text)}</td>";
        if (s is null) html.Append(string.Concat(Enumerable.Repeat(Num("-"), 4)));
        else html.Append(Num(ComparisonRows.Percent(s.TestAccuracy))).Append(Num(ComparisonRows.Percent(s.Drawdown)))
            .Append(Num(ComparisonRows.Share(s.Efficacy, result.RepairItems))).Append(Num(ComparisonRows.Share(s.Generalisation, result.HeldOutItems)));
        if (c is null) html.Append(Num("-")).Append(Num("-")).Append("<td>-</td>");
        else html.Append(Num(ComparisonRows.Number(c.LInf))).Append(Num(ComparisonRows.Number(c.L1))).Append($"<td>{Escape(ComparisonRows.Layers(c.Layers))}</td>");
        if (cost is { } k) html.Append(Num(k.Time)).Append(Num(k.Memory));
        html.Append("</tr>\n");
    }

    private static void ClassTable(StringBuilder html, ConfusionMatrix before, ConfusionMatrix after, string method)
    {
        html.Append($"<section id=\"classes\"><h2>Accuracy per class: original and {Escape(method)}</h2>\n<table>\n<thead><tr><th>label</th><th>rows</th><th>original</th><th>{Escape(method)}</th><th>change</th></tr></thead>\n<tbody>\n");
        for (var k = 0; k < before.Classes; k++)
        {
            double a = before.ClassAccuracy(k), b = k < after.Classes ? after.ClassAccuracy(k) : 0;
            var cls = b < a ? "worse" : b > a ? "better" : "";
            html.Append($"<tr class=\"{cls}\"><td>{k}</td><td class=\"num\">{before.Counts[k].Sum()}</td><td class=\"num\">{ComparisonRows.Percent(a)}</td><td class=\"num\">{ComparisonRows.Percent(b)}</td><td class=\"num\">{ComparisonRows.Percent(b - a)}</td></tr>\n");
        }
        html.Append("</tbody>\n</table></section>\n");
    }

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #222; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin-top: 28px; }
        #headline, #verdict { font-size: 15px; margin: 4px 0; }
        .charts { display: flex; flex-wrap: wrap; gap: 24px; margin-top: 20px; } figure { margin: 0; } figcaption { font-size: 12px; color: #666; max-width: 640px; }
        svg text { font-size: 11px; fill: #333; } svg .title { font-size: 13px; font-weight: 600; } svg .tick { font-size: 10px; fill: #666; }
        svg .cell { font-size: 10px; fill: #222; } svg .cell.dark { fill: #fff; }
        svg .axis, svg .frame { stroke: #888; stroke-width: 1; } svg .diagonal { stroke: #c62828; stroke-dasharray: 4 3; }
        table { border-collapse: collapse; font-size: 13px; margin-top: 12px; } th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; } tr.best { background: #e8f5e9; font-weight: 600; } tr.failed { background: #fdecea; }
        tr.worse td:last-child { color: #c62828; } tr.better td:last-child { color: #2e7d32; }

        """;
}
