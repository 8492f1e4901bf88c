using System.Globalization;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Gate;

/// <summary>One-line texts for build logs (a diagnostic must fit on one line).</summary>
internal static class GateText
{
    public static string Counterexample(Counterexample cex, VnnProperty property)
    {
        var y = cex.Output.Select(v => (double)v).ToArray();
        var unsafeSet = property.Cases[cex.CaseIndex].UnsafeOutputs.FirstOrDefault(p => p.Contains(y));
        var condition = unsafeSet is null || unsafeSet.Constraints.Count == 0 ? "any output" : string.Join(" and ", unsafeSet.Constraints);
        return $"input [{Numbers(cex.Input)}] gives output [{Numbers(cex.Output)}], unsafe because {condition} " +
               $"(found by {cex.FoundBy}, confirmed by OnnxRuntime)";
    }

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Percent(double share) => (share * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";

    private static string Numbers(float[] values) => string.Join(", ", values.Select(v => v.ToString("G9", CultureInfo.InvariantCulture)));
}
