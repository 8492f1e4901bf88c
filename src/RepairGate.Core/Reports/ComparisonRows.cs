using System.Globalization;
using RepairGate.Core.Comparison;
using RepairGate.Core.Metrics;

namespace RepairGate.Core.Reports;

/// <summary>
/// What every rendering of a comparison shares: the best method, the requirement check, and the wording of the
/// numbers (culture-independent; fractions as percentages with two decimals).
/// </summary>
public static class ComparisonRows
{
    /// <summary>
    /// The method whose repaired model ships: highest efficacy, then lowest drawdown, then table order; only methods that
    /// produced a model. Null when none did.
    /// </summary>
    public static MethodResult? Best(ComparisonResult result) => result.Methods
        .Select((m, i) => (Method: m, Index: i))
        .Where(p => p.Method.Repaired is not null && p.Method.Scores is not null)
        .OrderByDescending(p => p.Method.Scores!.Efficacy)
        .ThenBy(p => p.Method.Scores!.Drawdown)
        .ThenBy(p => p.Index)
        .Select(p => p.Method)
        .FirstOrDefault();

    /// <summary>The methods that produced a model with efficacy ≥ <paramref name="minEfficacy"/> and drawdown ≤ <paramref name="maxDrawdown"/> (null: no limit).</summary>
    public static IReadOnlyList<MethodResult> Meeting(ComparisonResult result, double minEfficacy, double? maxDrawdown) => result.Methods
        .Where(m => m.Repaired is not null && m.Scores is { } s && s.Efficacy >= minEfficacy - 1e-12 && (maxDrawdown is not { } d || s.Drawdown <= d + 1e-12))
        .ToList();

    /// <summary>The best of the methods meeting the requirement (same order as <see cref="Best"/>), or null.</summary>
    public static MethodResult? BestMeeting(ComparisonResult result, double minEfficacy, double? maxDrawdown)
    {
        var meeting = Meeting(result, minEfficacy, maxDrawdown);
        return meeting.Count == 0 ? null : Best(result with { Methods = meeting });
    }

    public static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    /// <summary>Efficacy/generalisation of a set that may be empty ("n/a" then).</summary>
    public static string Share(double fraction, int items) => items == 0 ? "n/a" : Percent(fraction);

    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture) + " MB";

    public static string Layers(IReadOnlyList<string> layers) => layers.Count == 0 ? "none" : string.Join("; ", layers);

    /// <summary>One line under the table: which method is best and whether any meets the requirement.</summary>
    public static string Verdict(ComparisonResult result)
    {
        if (result.Methods.Count == 0)
            return result.RepairItems + result.HeldOutItems == 0
                ? "Evaluation only: no repair method was run."
                : $"Evaluation only: constraint accuracy {Share(result.Original.Efficacy, result.RepairItems)} of the {result.RepairItems} edit items"
                  + (result.HeldOutItems > 0 ? $" ({Share(result.Original.Generalisation, result.HeldOutItems)} of the {result.HeldOutItems} held out)." : ".");
        var best = Best(result);
        return best is null
            ? "No method produced a repaired model."
            : $"Best: {best.Method} (efficacy {Share(best.Scores!.Efficacy, result.RepairItems)}, drawdown {Percent(best.Scores.Drawdown)}, generalisation {Share(best.Scores.Generalisation, result.HeldOutItems)}).";
    }

    /// <summary>The headline: model, edit set and the sizes behind each number.</summary>
    public static string Headline(ComparisonResult result) =>
        $"Model {result.Model}; edit set {result.EditSet}: {result.RepairItems} repair item{Plural(result.RepairItems)}, {result.HeldOutItems} held out; {result.TestRows} test row{Plural(result.TestRows)}.";

    /// <summary>Per-class accuracy in a row: "0: 85.00 %, 1: ...".</summary>
    public static IEnumerable<(int Label, double Accuracy, int Count)> ClassAccuracies(ConfusionMatrix confusion) =>
        Enumerable.Range(0, confusion.Classes).Select(k => (k, confusion.ClassAccuracy(k), confusion.Counts[k].Sum()));

    private static string Plural(int n) => n == 1 ? "" : "s";
}
