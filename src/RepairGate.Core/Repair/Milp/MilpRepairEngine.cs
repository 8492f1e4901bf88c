using System.Diagnostics;
using RepairGate.Core.Model;
using RepairGate.Core.Repair.Layerwise;

namespace RepairGate.Core.Repair.Milp;

/// <summary>
/// NNRepLayer-style repair: one affine layer at a time (the allowed layers are tried from the last to the first),
/// its weights free, everything after it encoded exactly as a MILP (see <see cref="LayerRepairMilp"/>). The first
/// layer whose optimum passes <see cref="EditPointCheck"/> is the result.
/// </summary>
public sealed class MilpRepairEngine : IRepairEngine
{
    /// <summary>Default budget when the problem sets none.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    public string Name => "milp";

    public Task<RepairAttempt> RepairAsync(RepairProblem problem, CancellationToken cancellationToken) =>
        Task.Run(() => Repair(problem, cancellationToken), cancellationToken);

    private RepairAttempt Repair(RepairProblem problem, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (problem.Layers.Count == 0) throw new ArgumentException("no layer is allowed to change", nameof(problem));
        var deadline = problem.TimeLimit ?? DefaultTimeLimit;
        var outcomes = new List<LayerOutcome>();
        foreach (var index in problem.Layers.Reverse())
        {
            LayerSplit split;
            try
            {
                split = LayerSplit.At(problem.Network, index);
            }
            catch (NotSupportedException e)
            {
                outcomes.Add(new LayerOutcome(RepairStatus.Failed, null, $"layer {index}: {e.Message}", new Dictionary<string, string>(), []));
                continue;
            }
            var outcome = new LayerRun(split, problem, deadline, clock, cancellationToken).Run();
            outcomes.Add(outcome);
            if (outcome.Status is RepairStatus.Repaired or RepairStatus.TimedOut) break;
        }
        return Combine(problem, outcomes, clock.Elapsed);
    }

    private RepairAttempt Combine(RepairProblem problem, List<LayerOutcome> outcomes, TimeSpan elapsed)
    {
        var last = outcomes[^1];
        if (last.Status is RepairStatus.Repaired or RepairStatus.TimedOut)
            return new RepairAttempt(Name, last.Status, last.Repaired, last.Detail, elapsed, last.Statistics, last.Conflicts);
        var detail = string.Join("; ", outcomes.Select(o => o.Detail));
        // Infeasible for each layer alone does not prove that changing several layers together cannot work.
        var proven = problem.Layers.Count == 1 && last.Status == RepairStatus.Infeasible;
        return new RepairAttempt(Name, proven ? RepairStatus.Infeasible : RepairStatus.Failed, null, detail, elapsed,
            last.Statistics, outcomes.SelectMany(o => o.Conflicts).Distinct().ToList());
    }

    internal sealed record LayerOutcome(RepairStatus Status, Network? Repaired, string Detail,
        IReadOnlyDictionary<string, string> Statistics, IReadOnlyList<string> Conflicts);
}
