using System.Text;
using RepairGate.Core.Comparison;
using RepairGate.Core.Metrics;

namespace RepairGate.Core.Reports;

/// <summary>
/// The comparison as CSV for spreadsheets and scripts: a header and one row per method after the original model;
/// stable columns, invariant culture, fractions in 0..1 at full precision. <c>deterministic</c> leaves the time and
/// memory cells empty (the columns stay).
/// </summary>
public static class ComparisonCsv
{
    public const string Header = "method,status,test_accuracy,drawdown,efficacy,generalisation,linf_change,l1_change,parameters_changed,layers,seconds,peak_memory_bytes,repair_items,held_out_items,test_rows,detail";

    public static string Render(ComparisonResult result, bool deterministic)
    {
        var csv = new StringBuilder(Header).Append('\n');
        Row(csv, result, "original", "", result.Original, null, null, null, "");
        foreach (var m in result.Methods)
            Row(csv, result, m.Method, m.Status.ToString(), m.Scores, m.Change, deterministic ? null : m.Elapsed.TotalSeconds, deterministic ? null : m.PeakMemoryBytes, m.Detail);
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, ComparisonResult result, string name, string status, ClassifierScores? s, Repair.WeightChange? c, double? seconds, long? memory, string detail)
    {
        string N(double? v) => v is { } x ? ComparisonRows.Exact(x) : "";
        string[] cells =
        [
            name, status, N(s?.TestAccuracy), N(s?.Drawdown), N(s?.Efficacy), N(s?.Generalisation),
            N(c?.LInf), N(c?.L1), c?.ParametersTouched.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", c is null ? "" : string.Join(";", c.Layers),
            N(seconds), memory?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            result.RepairItems.ToString(System.Globalization.CultureInfo.InvariantCulture), result.HeldOutItems.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.TestRows.ToString(System.Globalization.CultureInfo.InvariantCulture), detail,
        ];
        csv.AppendJoin(',', cells.Select(Quote)).Append('\n');
    }

    /// <summary>RFC 4180: quote a cell holding a comma, quote or line break; double its quotes.</summary>
    public static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
