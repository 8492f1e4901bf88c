using System.Diagnostics;
using RepairGate.Core.Repair.Layerwise;
using static RepairGate.Core.Repair.Milp.MilpRepairEngine;

namespace RepairGate.Core.Repair.Milp;

/// <summary>
/// Repairs one layer: chooses the weight-change bound the big-M encoding needs, solves, checks the result by
/// evaluation, and for an infeasible model names the conflicting edit points.
/// </summary>
internal sealed class LayerRun(LayerSplit split, RepairProblem problem, TimeSpan timeLimit, Stopwatch clock, CancellationToken cancellationToken)
{
    private const int MaxPointsForDeletionFilter = 16;

    private readonly IReadOnlyList<LayerPoint> _points =
        problem.Edits.Select(e => new LayerPoint(split.InputOfLayer(e.Input), e.UnsafeOutputs, e.Origin)).ToList();

    // Never negative: a loaded machine can use up the budget before the solver starts, and reports show the limit.
    private TimeSpan Remaining => timeLimit - clock.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    private string LayerName => $"layer {split.Index} ({split.Layer.Kind})";

    public LayerOutcome Run()
    {
        var (bounds, proof) = CandidateBounds();
        MilpSolution? solution = null;
        foreach (var bound in bounds)
        {
            var next = LayerRepairMilp.Solve(split, _points, bound, problem.Norm, problem.Margin, Remaining, cancellationToken);
            if (solution?.Outcome != MilpOutcome.Solved || (next.Outcome == MilpOutcome.Solved && next.Objective < solution.Objective))
                solution = next;
            if (next.Outcome is MilpOutcome.TimedOut or MilpOutcome.Failed) break;
            // Every change is at most the norm, so an optimum below this bound is the optimum for any larger bound.
            if (next.Outcome == MilpOutcome.Solved && (bound is null || next.Objective < bound.Value * (1 - 1e-9))) break;
        }
        var statistics = solution!.Statistics;
        switch (solution.Outcome)
        {
            case MilpOutcome.Solved:
                return Checked(solution);
            case MilpOutcome.TimedOut:
                return new LayerOutcome(RepairStatus.TimedOut, null, $"{LayerName}: SCIP reached the time limit without a repair", statistics, []);
            case MilpOutcome.Failed:
                return new LayerOutcome(RepairStatus.Failed, null, $"{LayerName}: SCIP stopped with status {statistics["status"]}", statistics, []);
        }
        var last = bounds[^1];
        var conflicts = Conflicts(last, solution);
        var limit = last is null ? "" : $" with every change at most {LayerRepairMilp.Format(last.Value)}";
        var detail = proof
            ? $"{LayerName}: no change{limit} makes the edits safe ({conflicts.Count} conflicting point(s))"
            : $"{LayerName}: no repair{limit} (a bound RepairGate chose; set a maximum weight change to make this a proof)";
        return new LayerOutcome(proof ? RepairStatus.Infeasible : RepairStatus.Failed, null, detail, statistics, conflicts);
    }

    /// <summary>
    /// The big-M encoding needs a finite bound B on every change when a ReLU follows the layer or a polytope has
    /// several constraints; the tighter B, the smaller the big-M constants and the faster SCIP. So bounds grow
    /// geometrically up to the cap: the problem's maximum change (infeasibility is then a proof), or ten times the
    /// layer's largest parameter (infeasibility then only means "not within the cap").
    /// </summary>
    private (IReadOnlyList<double?> Bounds, bool Proof) CandidateBounds()
    {
        var needsBound = split.ReluAfter || problem.Edits.Any(e => e.UnsafeOutputs.Any(p => p.Constraints.Count > 1));
        if (!needsBound && problem.MaxWeightChange is null) return ([null], true);
        var cap = problem.MaxWeightChange ?? 10 * Math.Max(1e-3, split.Layer.Weights.Concat(split.Layer.Bias).Max(Math.Abs));
        if (!needsBound) return ([cap], true);
        return ([cap / 4096, cap / 512, cap / 64, cap / 8, cap], problem.MaxWeightChange is not null);
    }

    private LayerOutcome Checked(MilpSolution solution)
    {
        var repaired = split.WithParameters(solution.Weights!, solution.Bias!);
        var failing = EditPointCheck.Failing(repaired, problem.Edits);
        var statistics = solution.Statistics;
        var norm = problem.Norm == WeightNorm.LInf ? "max |Δw|" : "Σ |Δw|";
        if (failing.Count > 0)
            return new LayerOutcome(RepairStatus.Failed, null,
                $"{LayerName}: the solver's change ({norm} = {LayerRepairMilp.Format(solution.Objective)}) leaves {failing.Count} edit point(s) unsafe when evaluated, e.g. {failing[0].Origin}",
                statistics, []);
        var optimal = statistics["status"] == "OPTIMAL" ? "optimal" : "best found before the time limit";
        return new LayerOutcome(RepairStatus.Repaired, repaired,
            $"{LayerName}: {norm} = {LayerRepairMilp.Format(solution.Objective)} ({optimal}; {statistics["binaries"]} binaries, {statistics["seconds"]} s); all {problem.Edits.Count} edit point(s) checked in float32 and float64",
            statistics, []);
    }

    /// <summary>
    /// Points that are infeasible on their own; failing that, a minimal conflicting subset by deletion filtering
    /// (small edit sets only); failing that (or out of time), every edit point.
    /// </summary>
    private IReadOnlyList<string> Conflicts(double? bound, MilpSolution solution)
    {
        if (solution.ExcludedByBounds is { } excluded) return [excluded];
        var alone = new List<string>();
        foreach (var point in _points)
        {
            var outcome = Feasibility([point], bound);
            if (outcome is null) return _points.Select(p => p.Origin).ToList();
            if (outcome == false) alone.Add(point.Origin);
        }
        if (alone.Count > 0) return alone;
        if (_points.Count > MaxPointsForDeletionFilter) return _points.Select(p => p.Origin).ToList();
        var kept = _points.ToList();
        for (var i = kept.Count - 1; i >= 0; i--)
        {
            var without = kept.Where((_, k) => k != i).ToList();
            var outcome = Feasibility(without, bound);
            if (outcome is null) break;
            if (outcome == false) kept = without;
        }
        return kept.Select(p => p.Origin).ToList();
    }

    /// <summary>True feasible, false infeasible, null unknown (time or solver trouble).</summary>
    private bool? Feasibility(IReadOnlyList<LayerPoint> points, double? bound)
    {
        if (Remaining <= TimeSpan.Zero) return null;
        var solution = LayerRepairMilp.Solve(split, points, bound, problem.Norm, problem.Margin, Remaining, cancellationToken);
        return solution.Outcome switch
        {
            MilpOutcome.Solved => true,
            MilpOutcome.Infeasible => false,
            _ => null,
        };
    }
}
