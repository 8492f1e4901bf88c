using System.Diagnostics;
using System.Globalization;
using RepairGate.Core.Model;
using RepairGate.Core.Repair.Layerwise;
using RepairGate.Core.Torch;
using static TorchSharp.torch;

namespace RepairGate.Core.Repair.FineTune;

/// <summary>
/// Baseline for comparison: plain retraining. The allowed layers are trained with Adam on a hinge loss that pushes
/// each edit point out of its unsafe polytopes (<see cref="ConstraintHingeLoss"/>, aimed at twice the margin), plus
/// the mean squared change of the preserve points' outputs (or, with <see cref="RepairProblem.PreserveLabels"/>, their
/// cross-entropy towards the wanted classes). No optimality or infeasibility claims; Repaired only when
/// <see cref="EditPointCheck"/> passes. Deterministic: float64, one thread, fixed seed, no sampling.
/// </summary>
public sealed class FineTuneRepairEngine : IRepairEngine
{
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    private const int MaxSteps = 1000;
    private const double LearningRate = 0.01;
    private const double PreserveWeight = 1;
    private const int CheckEvery = 5;

    /// <summary>Training stops when the loss has not improved for this many steps.</summary>
    private const int Patience = 100;

    public string Name => "finetune";

    public Task<RepairAttempt> RepairAsync(RepairProblem problem, CancellationToken cancellationToken) =>
        Task.Run(() => Repair(problem, cancellationToken), cancellationToken);

    private RepairAttempt Repair(RepairProblem problem, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (problem.Layers.Count == 0) throw new ArgumentException("no layer is allowed to change", nameof(problem));
        foreach (var index in problem.Layers)
            _ = LayerSplit.At(problem.Network, index); // validates: an affine layer
        TorchThreads.UseSingleThread();
        manual_seed(problem.Seed);
        var network = problem.Network;
        var timeLimit = problem.TimeLimit ?? DefaultTimeLimit;

        using var scope = NewDisposeScope();
        using var model = new TrainableNetwork(network, problem.Layers.ToHashSet());
        var edits = Batch(problem.Edits.Select(e => e.Input).ToList(), network.InputSize);
        var preserve = problem.Preserve.Count == 0 ? null : Batch(problem.Preserve, network.InputSize);
        var preserveTargets = preserve is null ? null : Batch(problem.Preserve.Select(x => network.Evaluate(x)).ToList(), network.OutputSize);
        // Classifiers (decision fidelity): cross-entropy towards the wanted classes instead of the squared output drift.
        var preserveLabels = preserve is null || problem.PreserveLabels is not { } wanted ? null
            : tensor(wanted.Take(problem.Preserve.Count).Select(l => (long)l).ToArray(), int64);
        using var hinge = new ConstraintHingeLoss(problem.Edits, network.OutputSize, 2 * problem.Margin);
        using var optimizer = optim.Adam(model.Parameters, lr: LearningRate);

        var steps = 0;
        var lastLoss = double.NaN;
        var bestLoss = double.PositiveInfinity;
        var bestStep = 0;
        var timedOut = false;
        Network? repaired = null;
        while (steps < MaxSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (clock.Elapsed >= timeLimit)
            {
                timedOut = true;
                break;
            }
            using (NewDisposeScope())
            {
                optimizer.zero_grad();
                var loss = hinge.Compute(model.Forward(edits));
                if (preserveLabels is not null)
                    loss = loss + PreserveWeight * nn.functional.cross_entropy(model.Forward(preserve!), preserveLabels);
                else if (preserve is not null)
                    loss = loss + PreserveWeight * nn.functional.mse_loss(model.Forward(preserve), preserveTargets!);
                loss.backward();
                optimizer.step();
                lastLoss = loss.item<double>();
            }
            if (problem.MaxWeightChange is { } bound) model.ClampTo(network, bound);
            steps++;
            if (lastLoss < bestLoss * (1 - 1e-9))
            {
                bestLoss = lastLoss;
                bestStep = steps;
            }
            else if (steps - bestStep >= Patience)
            {
                break;
            }
            if (steps % CheckEvery != 0 && steps != MaxSteps) continue;
            var candidate = model.Snapshot(network);
            if (ClearsMargin(candidate, problem) && EditPointCheck.Failing(candidate, problem.Edits).Count == 0)
            {
                repaired = candidate;
                // Classifiers: keep training while the edits hold, so the preserve loss can win back the decisions the
                // first passing step lost; the latest passing parameters are the result.
                if (preserveLabels is null) break;
            }
        }
        if (repaired is null || preserveLabels is not null)
        {
            // Out of steps or time: the last parameters still count if they pass the check, margin or not.
            var last = model.Snapshot(network);
            if (ClearsMargin(last, problem) || repaired is null)
                if (EditPointCheck.Failing(last, problem.Edits).Count == 0) repaired = last;
        }
        return Attempt(problem, repaired, timedOut, steps, lastLoss, clock);
    }

    private static bool ClearsMargin(Network network, RepairProblem problem) =>
        problem.Edits.All(e => EditPointCheck.Clearance(network.Evaluate(e.Input), e.UnsafeOutputs) >= problem.Margin);

    private static Tensor Batch(IReadOnlyList<double[]> rows, int width) =>
        tensor(rows.SelectMany(r => r).ToArray(), [rows.Count, width], float64);

    private RepairAttempt Attempt(RepairProblem problem, Network? repaired, bool timedOut, int steps, double loss, Stopwatch clock)
    {
        var status = repaired is not null ? RepairStatus.Repaired : timedOut ? RepairStatus.TimedOut : RepairStatus.Failed;
        var statistics = new Dictionary<string, string>
        {
            ["solver"] = "TorchSharp Adam",
            ["status"] = status.ToString(),
            ["steps"] = steps.ToString(CultureInfo.InvariantCulture),
            ["learning_rate"] = LearningRate.ToString(CultureInfo.InvariantCulture),
            ["final_loss"] = loss.ToString("G6", CultureInfo.InvariantCulture),
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3).ToString(CultureInfo.InvariantCulture),
        };
        string detail;
        if (repaired is not null)
        {
            var change = LayerChanges.Norm(problem.Network, repaired, problem.Layers, problem.Norm);
            statistics["objective"] = change.ToString("G6", CultureInfo.InvariantCulture);
            detail = $"{(problem.Norm == WeightNorm.LInf ? "max |Δw|" : "Σ |Δw|")} = {change.ToString("G6", CultureInfo.InvariantCulture)} after {steps} Adam step(s); all {problem.Edits.Count} edit point(s) checked in float32 and float64";
        }
        else
        {
            detail = $"edit points still unsafe after {steps} Adam step(s) (loss {statistics["final_loss"]}){(timedOut ? "; time limit reached" : "")}";
        }
        return new RepairAttempt(Name, status, repaired, detail, clock.Elapsed, statistics, []);
    }
}
