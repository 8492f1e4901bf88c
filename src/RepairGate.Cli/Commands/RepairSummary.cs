using System.Globalization;
using RepairGate.Core.Repair;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Commands;

/// <summary>The readable result of <c>repair</c>: a first-line word, then what happened and the metrics.</summary>
internal static class RepairSummary
{
    public static void Write(TextWriter output, RepairRun run, string outPath)
    {
        output.WriteLine(run.Outcome switch
        {
            RepairOutcome.Proven => "repaired",
            RepairOutcome.AlreadyHolds => "holds",
            RepairOutcome.OriginalUnknown => "unknown",
            _ => "failed",
        });
        output.WriteLine($"{run.Detail} ({S(run.Elapsed.TotalSeconds)} s)");
        output.WriteLine("original: " + Checks(run.Original));
        foreach (var i in run.Iterations)
        {
            var solver = i.Attempt.Solver.Count == 0 ? "" : $", {i.Attempt.Solver.GetValueOrDefault("solver")} {i.Attempt.Solver.GetValueOrDefault("variables")} vars {i.Attempt.Solver.GetValueOrDefault("constraints")} rows";
            output.WriteLine($"iteration {i.Number}: {i.Engine} on layer {string.Join(",", i.Layers)}, {i.EditPoints} edit points, margin {G(i.Margin)}: {i.Attempt.Status.ToString().ToLowerInvariant()} in {S(i.Attempt.Elapsed.TotalSeconds)} s{solver}; after: {i.VerdictAfter}{(i.PointsAdded > 0 ? $", +{i.PointsAdded} edit points" : "")}");
            if (i.Attempt.Conflicts.Count > 0) output.WriteLine($"  conflicting: {string.Join("; ", i.Attempt.Conflicts.Take(10))}");
        }
        if (run.Final.Count > 0) output.WriteLine("patched: " + Checks(run.Final));
        if (run.Outcome == RepairOutcome.Proven) output.WriteLine($"patched model: {outPath}");
        if (run.Metrics is { } m)
        {
            output.WriteLine($"efficacy: {m.EditPointsFixed}/{m.EditPoints} edit points safe; generalisation: {m.UnseenFixed}/{m.UnseenViolations} unseen violations fixed");
            output.WriteLine($"fidelity (test, {m.Test.Points} points): argmax agreement {P(m.Test.ArgmaxAgreement)}, argmin agreement {P(m.Test.ArgminAgreement)}, mean |dy| {G(m.Test.MeanAbsChange)}, max |dy| {G(m.Test.MaxAbsChange)}");
            output.WriteLine($"fidelity (preserve, {m.Preserve.Points} points): argmax {P(m.Preserve.ArgmaxAgreement)}, argmin {P(m.Preserve.ArgminAgreement)}");
            output.WriteLine($"weight change: Linf {G(m.Change.LInf)}, L1 {G(m.Change.L1)}, {m.Change.ParametersTouched} parameters in {string.Join("; ", m.Change.Layers)}; solver {S(m.SolverSeconds)} s");
        }
    }

    private static string Checks(IEnumerable<PropertyCheck> checks) =>
        string.Join(", ", checks.Select(c => $"{c.Property}{(c.Role == PropertyRole.Keep ? " (keep)" : "")} {c.Verdict.ToResultWord()}{(c.Method == "verifier" ? "" : $" ({c.Method})")} in {S(c.Elapsed.TotalSeconds)} s"));

    private static string S(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);
    private static string G(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    private static string P(double fraction) => (100 * fraction).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
