using RepairGate.Core.Model;
using RepairGate.Core.Repair;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Reports;

/// <summary>Turns the repair loop's result (<see cref="RepairRun"/>) into the report model's <see cref="RepairReport"/>.</summary>
public static class RepairReportBuilder
{
    private const int PreservePointsShown = 200;

    /// <param name="run">The loop's result.</param>
    /// <param name="original">The network that was repaired.</param>
    /// <param name="modelPath">Its file.</param>
    /// <param name="targets">The repaired properties: their input boxes are where the before/after outputs are sampled.</param>
    /// <param name="writtenModel">The patched model file, when one was written.</param>
    /// <param name="seed">Seed of the before/after sample.</param>
    /// <param name="cancellationToken">Stops hashing the written model.</param>
    public static async Task<RepairReport> FromAsync(RepairRun run, Network original, string modelPath, IReadOnlyList<VnnProperty> targets,
        string? writtenModel, int seed, CancellationToken cancellationToken)
    {
        var last = run.Iterations.Count > 0 ? run.Iterations[^1] : null;
        var layers = last?.Layers ?? [];
        var changes = run.Patched is { } patched ? Changes(original, patched, layers) : [];
        var metrics = run.Metrics;
        var solver = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in last?.Attempt.Solver ?? new Dictionary<string, string>()) solver[key] = value;
        if (metrics is not null)
        {
            solver["fidelity_test_argmax"] = Format(metrics.Test.ArgmaxAgreement);
            solver["fidelity_test_argmin"] = Format(metrics.Test.ArgminAgreement);
            solver["test_points"] = metrics.Test.Points.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new RepairReport(
            ReportFiles.DisplayPath(modelPath),
            last?.Engine ?? "none",
            Status(run.Outcome),
            run.Detail,
            layers,
            changes.Count > 0 ? WeightChangeReport.From(changes) : new WeightChangeReport(0, 0, 0),
            metrics?.Efficacy,
            // Drawdown as the share of test inputs whose largest output (predicted class) changed; the argmin share is in Solver.
            metrics is null ? null : 1 - metrics.Test.ArgmaxAgreement,
            metrics?.Generalisation,
            run.Iterations.Select(i => Iteration(i, original)).ToArray(),
            solver,
            run.Final.Count == 0 ? null : Worst(run.Final.Select(c => c.Verdict)),
            writtenModel is not null && File.Exists(writtenModel)
                ? new OutputFileReport(ReportFiles.DisplayPath(writtenModel), await ReportFiles.Sha256Async(writtenModel, cancellationToken))
                : null,
            changes,
            run.Patched is { } repaired ? BeforeAfter(original, repaired, targets, seed) : [],
            new RepairTiming(run.Elapsed.TotalSeconds));
    }

    private static string Status(RepairOutcome outcome) => outcome switch
    {
        RepairOutcome.Proven => "repaired",
        RepairOutcome.AlreadyHolds => "not-needed",
        RepairOutcome.OriginalUnknown => "unknown",
        _ => "failed",
    };

    private static RepairIterationReport Iteration(RepairIteration iteration, Network original)
    {
        var change = iteration.Attempt.Repaired is { } candidate ? Changes(original, candidate, iteration.Layers) : [];
        var linf = change.Count > 0 ? WeightChangeReport.From(change).LInf : 0;
        return new RepairIterationReport(iteration.Number, iteration.PointsAdded, iteration.EditPoints,
            iteration.Attempt.Status.ToString().ToLowerInvariant(), linf,
            iteration.Checks.Count == 0 ? null : Worst(iteration.Checks.Select(c => c.Verdict)));
    }

    private static IReadOnlyList<LayerChangeReport> Changes(Network before, Network after, IEnumerable<int> layers) =>
        layers.Distinct().Order()
            .Where(k => before.Layers[k] is AffineLayer && after.Layers[k] is AffineLayer)
            .Select(k => LayerChangeReport.Between(k, (AffineLayer)before.Layers[k], (AffineLayer)after.Layers[k]))
            .ToArray();

    /// <summary>Sat beats unknown/timeout beats unsat: one open property makes the whole check open.</summary>
    private static Verdict Worst(IEnumerable<Verdict> verdicts)
    {
        var all = verdicts.ToList();
        if (all.Contains(Verdict.Sat)) return Verdict.Sat;
        return all.FirstOrDefault(v => v != Verdict.Unsat, Verdict.Unsat);
    }

    private static IReadOnlyList<PreservePointReport> BeforeAfter(Network before, Network after, IReadOnlyList<VnnProperty> targets, int seed)
    {
        if (targets.Count == 0) return [];
        var points = DomainSampler.Sample([DomainSampler.BoundingBox(targets)], PreservePointsShown, seed);
        return points.Select(x => new PreservePointReport(before.Evaluate(x), after.Evaluate(x))).ToArray();
    }

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
