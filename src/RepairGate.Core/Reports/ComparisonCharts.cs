using System.Globalization;
using System.Text;
using RepairGate.Core.Metrics;

namespace RepairGate.Core.Reports;

/// <summary>Inline SVG charts of a comparison: drawdown against efficacy, grouped score bars, confusion matrices.</summary>
internal static class ComparisonCharts
{
    /// <summary>One method as a chart sees it (scores in 0..1).</summary>
    public sealed record Point(string Label, double TestAccuracy, double Drawdown, double Efficacy, double Generalisation, string Color);

    private static readonly string[] SeriesColors = ["#1565c0", "#2e7d32", "#ef6c00"];

    /// <summary>
    /// Drawdown (x, percent) against efficacy (y, percent): the best methods sit top left. A dashed line marks
    /// <paramref name="maxDrawdown"/> when given.
    /// </summary>
    public static string DrawdownVsEfficacy(IReadOnlyList<Point> points, double? maxDrawdown)
    {
        const int left = 64, top = 34, width = 420, height = 260;
        var xs = points.Select(p => p.Drawdown * 100).Append(0).Append((maxDrawdown ?? 0) * 100).ToList();
        double xLow = Math.Min(0, xs.Min()), xHigh = Math.Max(xs.Max(), 0.5);
        var pad = (xHigh - xLow) * 0.08;
        xLow -= xLow < 0 ? pad : 0;
        xHigh += pad;
        double yLow = Math.Min(0, points.Select(p => p.Efficacy * 100).DefaultIfEmpty(0).Min()), yHigh = 100;
        double X(double v) => left + (v - xLow) / (xHigh - xLow) * width;
        double Y(double v) => top + height - (v - yLow) / (yHigh - yLow) * height;
        var svg = Start(left + width + 150, top + height + 48, "Drawdown against efficacy");
        svg.Append(Text(left, 18, "Drawdown against efficacy (top left is best)", "title"));
        svg.Append($"<rect x=\"{left}\" y=\"{top}\" width=\"{width}\" height=\"{height}\" class=\"frame\" fill=\"none\"/>");
        if (xLow < 0) svg.Append($"<line x1=\"{F(X(0))}\" y1=\"{top}\" x2=\"{F(X(0))}\" y2=\"{top + height}\" class=\"axis\"/>");
        if (maxDrawdown is { } limit)
        {
            svg.Append($"<line x1=\"{F(X(limit * 100))}\" y1=\"{top}\" x2=\"{F(X(limit * 100))}\" y2=\"{top + height}\" class=\"diagonal\"/>");
            svg.Append(Text(X(limit * 100) + 3, top + 12, $"max drawdown {ComparisonRows.Percent(limit)}", "tick"));
        }
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            double cx = X(p.Drawdown * 100), cy = Y(p.Efficacy * 100);
            svg.Append($"<g><title>{Escape($"{p.Label}: efficacy {ComparisonRows.Percent(p.Efficacy)}, drawdown {ComparisonRows.Percent(p.Drawdown)}")}</title>");
            svg.Append($"<circle cx=\"{F(cx)}\" cy=\"{F(cy)}\" r=\"5\" fill=\"{p.Color}\"/>");
            // Labels of nearby points would overlap: alternate above and below.
            svg.Append(Text(cx + 8, cy + (i % 2 == 0 ? -6 : 14), p.Label, "label"));
            svg.Append("</g>");
        }
        svg.Append(Text(left, top + height + 16, Number(xLow) + " %", "tick"));
        svg.Append(Text(left + width, top + height + 16, Number(xHigh) + " %", "tick", "end"));
        svg.Append(Text(left + width / 2.0, top + height + 36, "drawdown on the test rows (lower is better)", "tick", "middle"));
        svg.Append(Text(left - 6, top + 10, "100 %", "tick", "end"));
        svg.Append(Text(left - 6, top + height, Number(yLow) + " %", "tick", "end"));
        svg.Append($"<text x=\"14\" y=\"{top + height / 2}\" class=\"tick\" text-anchor=\"middle\" transform=\"rotate(-90 14 {top + height / 2})\">efficacy</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Test accuracy, efficacy and generalisation per method as grouped columns (0..100 %).</summary>
    public static string ScoreBars(IReadOnlyList<Point> points, bool withEdits, bool withHeldOut)
    {
        var series = new List<(string Name, Func<Point, double> Value)> { ("test accuracy", p => p.TestAccuracy) };
        if (withEdits) series.Add(("efficacy", p => p.Efficacy));
        if (withHeldOut) series.Add(("generalisation", p => p.Generalisation));
        const int left = 50, top = 50, height = 200, barWidth = 16, gap = 18;
        var groupWidth = series.Count * barWidth + gap;
        var width = Math.Max(300, points.Count * groupWidth);
        var svg = Start(left + width + 20, top + height + 60, "Scores per method");
        svg.Append(Text(left, 18, "Scores per method", "title"));
        for (var s = 0; s < series.Count; s++)
        {
            svg.Append($"<rect x=\"{left + s * 120}\" y=\"28\" width=\"10\" height=\"10\" fill=\"{SeriesColors[s]}\"/>");
            svg.Append(Text(left + s * 120 + 14, 37, series[s].Name, "tick"));
        }
        for (var i = 0; i < points.Count; i++)
        {
            var x0 = left + i * groupWidth + gap / 2.0;
            for (var s = 0; s < series.Count; s++)
            {
                var v = Math.Clamp(series[s].Value(points[i]), 0, 1);
                var h = v * height;
                svg.Append($"<rect x=\"{F(x0 + s * barWidth)}\" y=\"{F(top + height - h)}\" width=\"{barWidth - 2}\" height=\"{F(Math.Max(h, 0.5))}\" fill=\"{SeriesColors[s]}\"><title>{Escape($"{points[i].Label}: {series[s].Name} {ComparisonRows.Percent(series[s].Value(points[i]))}")}</title></rect>");
            }
            svg.Append(Text(x0 + series.Count * barWidth / 2.0, top + height + 14, points[i].Label, "tick", "middle"));
        }
        svg.Append($"<line x1=\"{left}\" y1=\"{top + height}\" x2=\"{left + width}\" y2=\"{top + height}\" class=\"axis\"/>");
        svg.Append(Text(left - 4, top + 8, "100 %", "tick", "end"));
        svg.Append(Text(left - 4, top + height, "0 %", "tick", "end"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A confusion matrix as a grid of counts, shaded by the share of the label's row (diagonal green, errors red).</summary>
    public static string Confusion(ConfusionMatrix confusion, string title)
    {
        var ties = confusion.Counts.Any(r => r.Length > confusion.Classes && r[confusion.Classes] > 0);
        var columns = confusion.Classes + (ties ? 1 : 0);
        const int left = 44, top = 48, cell = 30;
        var svg = Start(left + columns * cell + 20, top + confusion.Classes * cell + 30, title);
        svg.Append(Text(left, 18, title, "title"));
        svg.Append(Text(left + columns * cell / 2.0, top - 18, "predicted", "tick", "middle"));
        for (var j = 0; j < columns; j++)
            svg.Append(Text(left + j * cell + cell / 2.0, top - 4, j < confusion.Classes ? j.ToString(CultureInfo.InvariantCulture) : "tie", "tick", "middle"));
        for (var k = 0; k < confusion.Classes; k++)
        {
            var row = confusion.Counts[k];
            var total = Math.Max(1, row.Sum());
            svg.Append(Text(left - 6, top + k * cell + cell / 2.0 + 4, k.ToString(CultureInfo.InvariantCulture), "tick", "end"));
            for (var j = 0; j < columns; j++)
            {
                var n = j < row.Length ? row[j] : 0;
                var share = (double)n / total;
                var fill = n == 0 ? "#f7f7f7" : Shade(share, j == k);
                svg.Append($"<g><title>{Escape($"label {k}, predicted {(j < confusion.Classes ? j.ToString(CultureInfo.InvariantCulture) : "tie")}: {n} ({ComparisonRows.Percent(share)} of the label's rows)")}</title>");
                svg.Append($"<rect x=\"{left + j * cell}\" y=\"{top + k * cell}\" width=\"{cell - 1}\" height=\"{cell - 1}\" fill=\"{fill}\"/>");
                if (n > 0) svg.Append(Text(left + j * cell + cell / 2.0, top + k * cell + cell / 2.0 + 4, n.ToString(CultureInfo.InvariantCulture), share > 0.5 ? "cell dark" : "cell", "middle"));
                svg.Append("</g>");
            }
        }
        svg.Append($"<text x=\"12\" y=\"{top + confusion.Classes * cell / 2}\" class=\"tick\" text-anchor=\"middle\" transform=\"rotate(-90 12 {top + confusion.Classes * cell / 2})\">label</text>");
        return svg.Append("</svg>").ToString();
    }

    private static string Shade(double share, bool diagonal)
    {
        var t = Math.Sqrt(Math.Clamp(share, 0, 1));
        var (r, g, b) = diagonal ? (46, 125, 50) : (198, 40, 40);
        int Mix(int target) => (int)Math.Round(247 + (target - 247) * t);
        return $"#{Mix(r):x2}{Mix(g):x2}{Mix(b):x2}";
    }

    private static StringBuilder Start(int width, int height, string title) => SvgCharts.Start(width, height, title);

    private static string Text(double x, double y, string text, string cssClass, string anchor = "start") => SvgCharts.Text(x, y, text, cssClass, anchor);

    private static string Escape(string text) => SvgCharts.Escape(text);

    private static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string F(double v) => SvgCharts.F(v);
}
