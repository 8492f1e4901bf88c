using RepairGate.Core.Repair;
using RepairGate.Core.Reports;

namespace RepairGate.Cli.Gate;

/// <summary>
/// The gate's repairer: the verify-repair-reverify loop of Core/Repair, with the violated properties as targets and
/// every other property of the model kept. The gate re-verifies the result itself before writing it.
/// </summary>
internal sealed class LoopRepairer(TextWriter log) : IGateRepairer
{
    public bool IsAvailable => true;

    public async Task<GateRepairResult> RepairAsync(GateRepairRequest request, CancellationToken cancellationToken)
    {
        var targets = request.Violations.Select(v => v.Property).ToList();
        var keep = request.Properties.Where(p => !targets.Contains(p)).ToList();
        var options = new RepairOptions
        {
            Engine = request.Engine,
            Seed = request.Seed,
            OriginalResults = request.OriginalResults,
            VerifyTimeout = request.Timeout,
            // The loop verifies, repairs and re-verifies several times; a few verification budgets in all.
            Budget = TimeSpan.FromTicks(request.Timeout.Ticks * 5),
        };
        var run = await new RepairLoop(EngineCatalog.Default, line => log.WriteLine(line)).RunAsync(request.Network, targets, keep, options, cancellationToken);
        var report = await RepairReportBuilder.FromAsync(run, request.Network, request.Network.SourcePath, targets, null, request.Seed, cancellationToken);
        if (run.Outcome != RepairOutcome.Proven || run.Patched is null || run.Metrics is not { } metrics)
            return new GateRepairResult(null, run.Detail, "", 0, [], report);

        var change = metrics.Change;
        var engine = run.Iterations.LastOrDefault()?.Engine ?? "?";
        // Fidelity: the share of sampled inputs whose decision (largest output, or smallest for argmin models) is unchanged.
        var fidelity = request.DecisionIsArgmin ? metrics.Test.ArgminAgreement : metrics.Test.ArgmaxAgreement;
        var proven = run.Final.Where(c => c.Verdict == Core.Verification.Verdict.Unsat).Select(c => c.Property).ToList();
        return new GateRepairResult(
            run.Patched,
            $"engine {engine}, {run.Iterations.Count} iteration(s), {run.Elapsed.TotalSeconds:0.0} s, fidelity measured on {metrics.Test.Points} sampled inputs",
            $"L-inf {change.LInf:G3}, L1 {change.L1:G3}, {change.ParametersTouched} parameters in {string.Join(", ", change.Layers)}",
            fidelity,
            proven,
            report);
    }
}
