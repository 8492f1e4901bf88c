using System.Diagnostics;
using System.Globalization;
using RepairGate.Core.Model;
using RepairGate.Core.Repair.Layerwise;

namespace RepairGate.Core.Repair.Gradient;

/// <summary>
/// Gradient-guided layer-wise repair. Each round takes one allowed layer (last to first, then around again): every
/// edit point still short of the margin gets a target for that layer's output, the nearest change that moves the
/// network output out of its unsafe sets through the frozen ReLU pattern (<see cref="OutputTarget"/>); points
/// already safe, and preserve points, ask for their current output. One LP then finds the smallest change of the
/// layer that meets the targets (<see cref="LayerUpdateLp"/>). Rounds repeat until every edit point clears the
/// margin or the round budget or time runs out. Never proves infeasibility: a failure is only a failure to find.
/// </summary>
public sealed class GradientGuidedRepairEngine : IRepairEngine
{
    /// <summary>Default budget when the problem sets none.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Rounds per allowed layer.</summary>
    private const int RoundsPerLayer = 8;

    /// <summary>Targets aim past the margin so that round-off and small pattern changes still leave it cleared.</summary>
    private const double TargetMarginFactor = 1.25;

    private const double EditWeight = 100;
    /// <summary>Shared by all preserve points and neurons (the average miss costs this much), so that many of them do not outweigh the size of the change.</summary>
    private const double PreserveWeight = 1;
    private const int MaxPreservePoints = 64;

    public string Name => "gradient";

    public Task<RepairAttempt> RepairAsync(RepairProblem problem, CancellationToken cancellationToken) =>
        Task.Run(() => Repair(problem, cancellationToken), cancellationToken);

    private RepairAttempt Repair(RepairProblem problem, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (problem.Layers.Count == 0) throw new ArgumentException("no layer is allowed to change", nameof(problem));
        var timeLimit = problem.TimeLimit ?? DefaultTimeLimit;
        var current = problem.Network;
        var best = (Network: current, Score: Score(current, problem));
        var rounds = 0;
        var lpSolves = 0;
        var stalled = 0;
        var timedOut = false;
        var maxRounds = RoundsPerLayer * problem.Layers.Count;
        while (best.Score.Short > 0 && rounds < maxRounds && stalled < 2 * problem.Layers.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (clock.Elapsed >= timeLimit)
            {
                timedOut = true;
                break;
            }
            var index = problem.Layers[problem.Layers.Count - 1 - rounds % problem.Layers.Count];
            rounds++;
            LayerSplit split;
            try
            {
                split = LayerSplit.At(current, index);
            }
            catch (NotSupportedException e)
            {
                return Attempt(problem, RepairStatus.Failed, null, $"layer {index}: {e.Message}", clock, rounds, lpSolves);
            }
            var update = Round(split, problem, ref lpSolves);
            if (update is null)
            {
                stalled++;
                continue;
            }
            current = split.WithParameters(update.Value.Weights, update.Value.Bias);
            var score = Score(current, problem);
            stalled = score.CompareTo(best.Score) < 0 ? 0 : stalled + 1;
            if (score.CompareTo(best.Score) < 0) best = (current, score);
        }
        return Result(problem, best.Network, clock, rounds, lpSolves, timedOut);
    }

    /// <summary>Targets for one layer and the LP; null when nothing can be asked of this layer.</summary>
    private static (double[] Weights, double[] Bias)? Round(LayerSplit split, RepairProblem problem, ref int lpSolves)
    {
        var layer = split.Layer;
        var targets = new List<LayerTarget>();
        var wantsChange = false;
        foreach (var point in problem.Edits)
        {
            var a = split.InputOfLayer(point.Input);
            var z = new double[layer.OutputSize];
            layer.Forward(a, z);
            var suffix = new SuffixLinearisation(split.Suffix, z);
            if (EditPointCheck.Clearance(suffix.Output, point.UnsafeOutputs) >= problem.Margin)
            {
                targets.Add(new LayerTarget(a, z, EditWeight));
                continue;
            }
            var change = OutputTarget.Find(suffix, point.UnsafeOutputs, TargetMarginFactor * problem.Margin, layer.OutputSize);
            lpSolves++;
            if (change is null) continue; // no way out through this layer's frozen pattern; another layer may help
            wantsChange = true;
            targets.Add(new LayerTarget(a, z.Zip(change, (v, d) => v + d).ToArray(), EditWeight));
        }
        if (!wantsChange) return null;
        var preserve = problem.Preserve.Take(MaxPreservePoints).ToList();
        foreach (var x in preserve)
        {
            var a = split.InputOfLayer(x);
            var z = new double[layer.OutputSize];
            layer.Forward(a, z);
            targets.Add(new LayerTarget(a, z, PreserveWeight / (preserve.Count * layer.OutputSize)));
        }
        var original = (AffineLayer)problem.Network.Layers[split.Index];
        lpSolves++;
        return LayerUpdateLp.Solve(layer, original, targets, problem.Norm, problem.MaxWeightChange, split.WeightsFree, split.BiasFree);
    }

    /// <summary>(points short of the margin, total shortfall): smaller is better.</summary>
    private static (int Short, double Shortfall) Score(Network network, RepairProblem problem)
    {
        var count = 0;
        var shortfall = 0.0;
        foreach (var point in problem.Edits)
        {
            var clearance = EditPointCheck.Clearance(network.Evaluate(point.Input), point.UnsafeOutputs);
            if (double.IsNaN(clearance)) clearance = double.NegativeInfinity;
            if (clearance >= problem.Margin) continue;
            count++;
            shortfall += problem.Margin - clearance;
        }
        return (count, shortfall);
    }

    private RepairAttempt Result(RepairProblem problem, Network network, Stopwatch clock, int rounds, int lpSolves, bool timedOut)
    {
        var failing = EditPointCheck.Failing(network, problem.Edits);
        var change = ChangeSummary(problem, network);
        if (failing.Count == 0)
        {
            var shortOfMargin = Score(network, problem).Short;
            var note = shortOfMargin == 0 ? "" : $"; {shortOfMargin} point(s) safe but closer than the margin";
            return Attempt(problem, RepairStatus.Repaired, network,
                $"{change} after {rounds} round(s); all {problem.Edits.Count} edit point(s) checked in float32 and float64{note}", clock, rounds, lpSolves);
        }
        var status = timedOut ? RepairStatus.TimedOut : RepairStatus.Failed;
        return Attempt(problem, status, null,
            $"{failing.Count} of {problem.Edits.Count} edit point(s) still unsafe after {rounds} round(s) (e.g. {failing[0].Origin}); best attempt: {change}",
            clock, rounds, lpSolves);
    }

    private RepairAttempt Attempt(RepairProblem problem, RepairStatus status, Network? repaired, string detail, Stopwatch clock, int rounds, int lpSolves)
    {
        var statistics = new Dictionary<string, string>
        {
            ["solver"] = "GLOP",
            ["status"] = status.ToString(),
            ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture),
            ["lp_solves"] = lpSolves.ToString(CultureInfo.InvariantCulture),
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3).ToString(CultureInfo.InvariantCulture),
        };
        if (repaired is not null) statistics["objective"] = LayerChanges.Norm(problem.Network, repaired, problem.Layers, problem.Norm).ToString("G6", CultureInfo.InvariantCulture);
        return new RepairAttempt(Name, status, repaired, detail, clock.Elapsed, statistics, []);
    }

    private static string ChangeSummary(RepairProblem problem, Network network) =>
        (problem.Norm == WeightNorm.LInf ? "max |Δw| = " : "Σ |Δw| = ")
        + LayerChanges.Norm(problem.Network, network, problem.Layers, problem.Norm).ToString("G6", CultureInfo.InvariantCulture)
        + " over layer(s) " + string.Join(", ", LayerChanges.Changed(problem.Network, network, problem.Layers));
}
