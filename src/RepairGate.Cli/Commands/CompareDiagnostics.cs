using RepairGate.Cli.Gate;
using RepairGate.Core.Comparison;
using RepairGate.Core.Reports;

namespace RepairGate.Cli.Commands;

/// <summary>
/// The classifier gate's diagnostics (compare --msbuild), one line each in MSBuild's canonical form at the model file:
/// RG3002 (warning: repaired by the best method, the shipped weights changed) or RG3001 (error: no method met the
/// requirement).
/// </summary>
internal static class CompareDiagnostics
{
    public const string NoMethodMeets = "RG3001";
    public const string ClassifierRepaired = "RG3002";

    public static string Line(ComparisonResult result, CompareSettings settings, MethodResult? best)
    {
        if (best is null)
            return new GateDiagnostic(GateSeverity.Error, NoMethodMeets, settings.ModelPath, 0, 0, Shortfall(result, settings)).ToString();
        var s = best.Scores!;
        var text = $"{result.Model} repaired by {best.Method}: efficacy {ComparisonRows.Share(s.Efficacy, result.RepairItems)} on {result.RepairItems} edit items, "
            + $"drawdown {ComparisonRows.Percent(s.Drawdown)} on {result.TestRows} test rows (accuracy {ComparisonRows.Percent(result.Original.TestAccuracy)} -> {ComparisonRows.Percent(s.TestAccuracy)}), "
            + $"generalisation {ComparisonRows.Share(s.Generalisation, result.HeldOutItems)}, weight change L∞ {ComparisonRows.Number(best.Change?.LInf ?? 0)}"
            + (settings.SaveBest is { } path ? $"; shipped as {Path.GetFileName(path)}" : "");
        return new GateDiagnostic(GateSeverity.Warning, ClassifierRepaired, settings.ModelPath, 0, 0, text).ToString();
    }

    /// <summary>Why no method met the requirement, with each method's numbers.</summary>
    public static string Shortfall(ComparisonResult result, CompareSettings settings)
    {
        var requirement = $"efficacy >= {ComparisonRows.Percent(settings.MinEfficacy)}" + (settings.MaxDrawdown is { } d ? $" and drawdown <= {ComparisonRows.Percent(d)}" : "");
        var methods = result.Methods.Select(m => m.Scores is { } s && m.Repaired is not null
            ? $"{m.Method} efficacy {ComparisonRows.Share(s.Efficacy, result.RepairItems)}, drawdown {ComparisonRows.Percent(s.Drawdown)}"
            : $"{m.Method} {StatusText(m.Status)} ({m.Detail})");
        return $"{result.Model}: no repair method reached {requirement} on edit set {result.EditSet}: {string.Join("; ", methods)}";
    }

    private static string StatusText(Core.Repair.RepairStatus status) => status switch
    {
        Core.Repair.RepairStatus.TimedOut => "timed out",
        var other => other.ToString().ToLowerInvariant(),
    };
}
