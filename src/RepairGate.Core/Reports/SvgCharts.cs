using System.Globalization;
using System.Net;
using System.Text;

namespace RepairGate.Core.Reports;

/// <summary>Small inline SVG charts for the HTML report: no scripts, no network, readable without JavaScript.</summary>
internal static class SvgCharts
{
    /// <summary>One bar of a bar chart: label, value, fill colour and a tooltip.</summary>
    public sealed record Bar(string Label, double Value, string Color, string Tooltip);

    private const int LabelWidth = 260, PlotWidth = 560, ValueWidth = 90;

    /// <summary>Horizontal bars from zero; <paramref name="symmetric"/> puts zero in the middle for signed values (log-like scale).</summary>
    public static string Bars(IReadOnlyList<Bar> bars, string title, string unit, bool symmetric)
    {
        if (bars.Count > MaxLabelledBars) return Columns(bars, title, unit, symmetric);
        const int rowHeight = 18;
        const bool showLabels = true;
        var height = 30 + bars.Count * rowHeight + 24;
        var width = LabelWidth + PlotWidth + ValueWidth;
        var svg = Start(width, height, title);
        svg.Append(Text(LabelWidth, 16, title, "title"));
        Func<double, double> scale;
        double zeroX;
        if (symmetric)
        {
            // Signed log scale: margins range from 1e-4 to 1e3, and both the sign and the size matter.
            var max = bars.Select(b => SymLog(b.Value)).Select(Math.Abs).DefaultIfEmpty(1).Max();
            max = max <= 0 ? 1 : max;
            zeroX = LabelWidth + PlotWidth / 2.0;
            scale = v => zeroX + SymLog(v) / max * (PlotWidth / 2.0 - 4);
        }
        else
        {
            var max = bars.Select(b => b.Value).DefaultIfEmpty(1).Max();
            max = max <= 0 ? 1 : max;
            zeroX = LabelWidth;
            scale = v => LabelWidth + Math.Max(0, v) / max * (PlotWidth - 4);
        }
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 28 + i * rowHeight;
            var x = scale(bar.Value);
            var left = Math.Min(x, zeroX);
            var barWidth = Math.Max(1, Math.Abs(x - zeroX));
            svg.Append($"<g><title>{Escape(bar.Tooltip)}</title>");
            if (showLabels) svg.Append(Text(LabelWidth - 6, y + rowHeight - 5, bar.Label, "label", "end"));
            svg.Append($"<rect x=\"{F(left)}\" y=\"{y + 2}\" width=\"{F(barWidth)}\" height=\"{rowHeight - 4}\" fill=\"{bar.Color}\"/>");
            if (showLabels) svg.Append(Text(LabelWidth + PlotWidth + 6, y + rowHeight - 5, ReportText.Number(bar.Value) + unit, "value"));
            svg.Append("</g>");
        }
        var axisBottom = 28 + bars.Count * rowHeight;
        svg.Append($"<line x1=\"{F(zeroX)}\" y1=\"26\" x2=\"{F(zeroX)}\" y2=\"{axisBottom + 2}\" class=\"axis\"/>");
        if (symmetric)
        {
            svg.Append(Text(zeroX, axisBottom + 16, "0", "tick", "middle"));
            svg.Append(Text(LabelWidth + 4, axisBottom + 16, "← unsafe (violated)", "tick"));
            svg.Append(Text(LabelWidth + PlotWidth - 4, axisBottom + 16, "safe side →", "tick", "end"));
        }
        else
        {
            svg.Append(Text(LabelWidth, axisBottom + 16, "0", "tick", "middle"));
            svg.Append(Text(LabelWidth + PlotWidth - 4, axisBottom + 16, ReportText.Number(bars.Select(b => b.Value).DefaultIfEmpty(0).Max()) + unit, "tick", "end"));
        }
        return svg.Append("</svg>").ToString();
    }

    private const int MaxLabelledBars = 60;

    /// <summary>Many properties: one thin column each, in report order, names in tooltips; fixed height.</summary>
    private static string Columns(IReadOnlyList<Bar> bars, string title, string unit, bool symmetric)
    {
        const int left = 60, top = 30, plotHeight = 220;
        var plotWidth = LabelWidth + PlotWidth - left;
        var step = (double)plotWidth / bars.Count;
        var svg = Start(left + plotWidth + ValueWidth, top + plotHeight + 40, title);
        svg.Append(Text(left, 16, title, "title"));
        var max = bars.Select(b => symmetric ? Math.Abs(SymLog(b.Value)) : Math.Max(0, b.Value)).DefaultIfEmpty(1).Max();
        max = max <= 0 ? 1 : max;
        double zeroY = symmetric ? top + plotHeight / 2.0 : top + plotHeight;
        double Y(double v) => symmetric ? zeroY - SymLog(v) / max * (plotHeight / 2.0 - 2) : zeroY - Math.Max(0, v) / max * (plotHeight - 2);
        for (var i = 0; i < bars.Count; i++)
        {
            var y = Y(bars[i].Value);
            svg.Append($"<rect x=\"{F(left + i * step)}\" y=\"{F(Math.Min(y, zeroY))}\" width=\"{F(Math.Max(1, step - 1))}\" height=\"{F(Math.Max(1, Math.Abs(zeroY - y)))}\" fill=\"{bars[i].Color}\"><title>{Escape(bars[i].Tooltip)}</title></rect>");
        }
        svg.Append($"<line x1=\"{left}\" y1=\"{F(zeroY)}\" x2=\"{left + plotWidth}\" y2=\"{F(zeroY)}\" class=\"axis\"/>");
        svg.Append($"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotHeight}\" class=\"axis\"/>");
        if (symmetric)
        {
            svg.Append(Text(left - 4, zeroY + 4, "0", "tick", "end"));
            svg.Append(Text(left - 4, top + 10, "safe", "tick", "end"));
            svg.Append(Text(left - 4, top + plotHeight, "unsafe", "tick", "end"));
        }
        else
        {
            svg.Append(Text(left - 4, zeroY, "0", "tick", "end"));
            svg.Append(Text(left - 4, top + 10, ReportText.Number(bars.Max(b => b.Value)) + unit, "tick", "end"));
        }
        svg.Append(Text(left, top + plotHeight + 16, $"{bars.Count} properties in report order (hover for names)", "tick"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A diverging heat map of a rows x columns matrix (row-major), blue for negative and red for positive changes.
    /// Large matrices are pooled into at most <paramref name="maxCells"/> cells a side, keeping each block's largest change.
    /// </summary>
    public static string Heatmap(IReadOnlyList<double> values, int rows, int columns, string title, int maxCells = 64)
    {
        int rowStep = (rows + maxCells - 1) / maxCells, columnStep = (columns + maxCells - 1) / maxCells;
        int cellRows = (rows + rowStep - 1) / rowStep, cellColumns = (columns + columnStep - 1) / columnStep;
        var cells = new double[cellRows, cellColumns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var v = values[r * columns + c];
                ref var cell = ref cells[r / rowStep, c / columnStep];
                if (Math.Abs(v) > Math.Abs(cell)) cell = v;
            }
        var max = values.Select(Math.Abs).DefaultIfEmpty(0).Max();
        var size = Math.Clamp(480 / Math.Max(cellRows, cellColumns), 3, 24);
        int left = 40, top = 30, width = left + cellColumns * size + 120, height = top + Math.Max(cellRows * size, 170) + 40;
        var svg = Start(width, height, title);
        svg.Append(Text(left, 16, title, "title"));
        for (var r = 0; r < cellRows; r++)
            for (var c = 0; c < cellColumns; c++)
            {
                var v = cells[r, c];
                svg.Append($"<rect x=\"{left + c * size}\" y=\"{top + r * size}\" width=\"{size}\" height=\"{size}\" fill=\"{Diverging(v, max)}\"><title>");
                svg.Append(Escape(rowStep == 1 && columnStep == 1 ? $"W[{r},{c}] change {ReportText.Number(v)}" : $"rows {r * rowStep}-{Math.Min(rows, (r + 1) * rowStep) - 1}, columns {c * columnStep}-{Math.Min(columns, (c + 1) * columnStep) - 1}: largest change {ReportText.Number(v)}"));
                svg.Append("</title></rect>");
            }
        svg.Append($"<rect x=\"{left}\" y=\"{top}\" width=\"{cellColumns * size}\" height=\"{cellRows * size}\" fill=\"none\" class=\"frame\"/>");
        svg.Append(Text(left, top + cellRows * size + 16, $"inputs (columns) → {columns}", "tick"));
        svg.Append(Text(left - 6, top + 10, "out", "tick", "end"));
        // Colour legend: -max .. 0 .. +max.
        var legendX = left + cellColumns * size + 20;
        for (var i = 0; i < 20; i++)
            svg.Append($"<rect x=\"{legendX}\" y=\"{top + i * 8}\" width=\"16\" height=\"8\" fill=\"{Diverging(max * (1 - i / 9.5), max)}\"/>");
        svg.Append(Text(legendX + 22, top + 8, "+" + ReportText.Number(max), "tick"));
        svg.Append(Text(legendX + 22, top + 84, "0", "tick"));
        svg.Append(Text(legendX + 22, top + 160, "-" + ReportText.Number(max), "tick"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Scatter of (before, after) pairs with the y = x line: points off the line are outputs the repair moved.</summary>
    public static string Scatter(IReadOnlyList<(double X, double Y)> points, string title, string xLabel, string yLabel)
    {
        const int size = 360, left = 60, top = 30;
        var all = points.SelectMany(p => new[] { p.X, p.Y }).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        double low = all.Min(), high = all.Max();
        if (high - low < 1e-12) { low -= 1; high += 1; }
        var pad = (high - low) * 0.05;
        low -= pad;
        high += pad;
        double X(double v) => left + (v - low) / (high - low) * size;
        double Y(double v) => top + size - (v - low) / (high - low) * size;
        var svg = Start(left + size + 30, top + size + 50, title);
        svg.Append(Text(left, 16, title, "title"));
        svg.Append($"<rect x=\"{left}\" y=\"{top}\" width=\"{size}\" height=\"{size}\" class=\"frame\" fill=\"none\"/>");
        svg.Append($"<line x1=\"{F(X(low))}\" y1=\"{F(Y(low))}\" x2=\"{F(X(high))}\" y2=\"{F(Y(high))}\" class=\"diagonal\"/>");
        foreach (var (x, y) in points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
            svg.Append($"<circle cx=\"{F(X(x))}\" cy=\"{F(Y(y))}\" r=\"2.5\" class=\"point\"><title>{Escape($"before {ReportText.Number(x)}, after {ReportText.Number(y)}")}</title></circle>");
        svg.Append(Text(left, top + size + 16, ReportText.Number(low + pad), "tick"));
        svg.Append(Text(left + size, top + size + 16, ReportText.Number(high - pad), "tick", "end"));
        svg.Append(Text(left + size / 2.0, top + size + 34, xLabel, "tick", "middle"));
        svg.Append($"<text x=\"16\" y=\"{top + size / 2}\" class=\"tick\" text-anchor=\"middle\" transform=\"rotate(-90 16 {top + size / 2})\">{Escape(yLabel)}</text>");
        return svg.Append("</svg>").ToString();
    }

    private static double SymLog(double v) => Math.Sign(v) * Math.Log10(1 + Math.Abs(v) / 1e-3);

    private static string Diverging(double v, double max)
    {
        if (max <= 0 || v == 0) return "#f7f7f7";
        var t = Math.Min(1, Math.Abs(v) / max);
        // White to red (positive) or blue (negative).
        var (r, g, b) = v > 0 ? (178, 24, 43) : (33, 102, 172);
        int Mix(int target) => (int)Math.Round(247 + (target - 247) * t);
        return $"#{Mix(r):x2}{Mix(g):x2}{Mix(b):x2}";
    }

    internal static StringBuilder Start(int width, int height, string title) =>
        new($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Escape(title)}\">");

    internal static string Text(double x, double y, string text, string cssClass, string anchor = "start") =>
        $"<text x=\"{F(x)}\" y=\"{F(y)}\" class=\"{cssClass}\" text-anchor=\"{anchor}\">{Escape(text)}</text>";

    internal static string Escape(string text) => WebUtility.HtmlEncode(text);

    internal static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
