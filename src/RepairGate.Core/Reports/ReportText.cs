using System.Globalization;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Reports;

/// <summary>Number and verdict wording shared by the text renderings, culture-independent.</summary>
internal static class ReportText
{
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Seconds(double seconds) => seconds.ToString(seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";

    public static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "n/a";

    /// <summary>Values that are float32 numbers (counterexamples) in float32's shortest form, which reads back to the same float.</summary>
    public static string Vector(IEnumerable<double> values) =>
        "[" + string.Join(", ", values.Select(v => (double)(float)v == v ? ((float)v).ToString("R", CultureInfo.InvariantCulture) : Exact(v))) + "]";

    /// <summary>What the verdict means for the person reading: holds, violated, unknown, timeout.</summary>
    public static string Meaning(Verdict verdict) => verdict switch
    {
        Verdict.Unsat => "holds",
        Verdict.Sat => "violated",
        Verdict.Timeout => "timeout",
        _ => "unknown",
    };

    /// <summary>The counterexample in a few lines, the same in JUnit, Markdown and HTML.</summary>
    public static string Counterexample(CounterexampleReport cex) =>
        $"input:  {Vector(cex.Inputs)}\noutput: {Vector(cex.Outputs)}\nunsafe because: {cex.ViolatedConstraint} (margin {Number(cex.Margin)}, found by {cex.FoundBy}, confirmed by OnnxRuntime)";

    public static string Statistics(StatisticsReport s) =>
        $"sampled {s.SampledPoints}, gradient steps {s.GradientSteps}, rejected {s.RejectedCandidates}, best margin {(s.BestMargin is { } m ? Number(m) : "n/a")}, branches {s.Branches}, LP calls {s.LpCalls}, max depth {s.MaxDepth}";
}
