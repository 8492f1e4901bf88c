using System.Collections.Concurrent;
using RepairGate.Core.Data;
using RepairGate.Core.EditSets;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Metrics;

/// <summary>
/// Accuracy, confusion and constraint accuracy of a classifier. Predictions come from OnnxRuntime in float32 (the
/// independent oracle, not RepairGate's own evaluator); a tie for the top output counts as wrong (predicted -1).
/// </summary>
public static class ClassifierMetrics
{
    /// <summary>Default verifier budget per region item.</summary>
    public static TimeSpan DefaultRegionTimeLimit { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The class OnnxRuntime predicts for each input (-1 on a tie), in input order.</summary>
    public static int[] Predict(Network model, IReadOnlyList<double[]> inputs, CancellationToken cancellationToken = default)
    {
        using var oracle = OnnxRuntimeOracle.For(model);
        return Predict(oracle, inputs, cancellationToken);
    }

    /// <summary>The class <paramref name="oracle"/> predicts for each input (-1 on a tie); batched, in parallel over ranges of inputs.</summary>
    public static int[] Predict(OnnxRuntimeOracle oracle, IReadOnlyList<double[]> inputs, CancellationToken cancellationToken = default)
    {
        var predicted = new int[inputs.Count];
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(Partitioner.Create(0, inputs.Count, OnnxRuntimeOracle.MaxBatch), options, range =>
        {
            var outputs = oracle.RunBatch(inputs, range.Item1, range.Item2 - range.Item1);
            for (var k = 0; k < outputs.Length; k++) predicted[range.Item1 + k] = ArgMax(outputs[k]);
        });
        return predicted;
    }

    /// <summary>The index of the largest output, or -1 when two or more share it (or it is NaN).</summary>
    public static int ArgMax(ReadOnlySpan<float> y)
    {
        var best = 0;
        var tie = false;
        for (var j = 1; j < y.Length; j++)
        {
            if (y[j] > y[best]) { best = j; tie = false; }
            else if (y[j] == y[best]) tie = true;
        }
        return tie || y.Length == 0 || float.IsNaN(y[best]) ? -1 : best;
    }

    /// <summary>Counts[actual][predicted] over <paramref name="classes"/> classes; predictions of -1 (ties) or out of range go to the extra last column.</summary>
    public static ConfusionMatrix Confusion(int classes, IReadOnlyList<int> labels, IReadOnlyList<int> predicted)
    {
        if (labels.Count != predicted.Count) throw new ArgumentException($"{labels.Count} labels but {predicted.Count} predictions");
        if (labels.Any(l => l < 0 || l >= classes)) throw new ArgumentException($"a label is outside 0..{classes - 1}");
        var counts = Enumerable.Range(0, classes).Select(_ => new int[classes + 1]).ToArray();
        for (var i = 0; i < labels.Count; i++)
            counts[labels[i]][predicted[i] >= 0 && predicted[i] < classes ? predicted[i] : classes]++;
        return new ConfusionMatrix(classes, counts);
    }

    /// <summary>The confusion matrix of <paramref name="model"/> on <paramref name="data"/> (classes: the model's outputs, or more if a label needs them).</summary>
    public static ConfusionMatrix Confusion(Network model, LabelledData data, CancellationToken cancellationToken = default) =>
        Confusion(Math.Max(model.OutputSize, data.ClassCount), data.Labels, Predict(model, data.Inputs, cancellationToken));

    /// <summary>
    /// Constraint accuracy of <paramref name="items"/>: points must be classified as their label by OnnxRuntime; regions must be
    /// proven by the sound verifier (<see cref="Verifier.CreateDefault"/>) within <paramref name="regionTimeLimit"/> each, an
    /// undecided region counting as not satisfied. Balls are clipped to <paramref name="domain"/>.
    /// </summary>
    public static async Task<ConstraintAccuracy> ConstraintAccuracyAsync(Network model, IReadOnlyList<EditItem> items, ValueRange? domain,
        TimeSpan regionTimeLimit, int seed, CancellationToken cancellationToken = default)
    {
        if (items.Count == 0) return ConstraintAccuracy.Empty;
        using var oracle = OnnxRuntimeOracle.For(model);
        var points = items.Where(i => i.Kind != EditKind.Region).ToArray();
        var predicted = Predict(oracle, points.Select(p => p.Input).ToArray(), cancellationToken);
        var satisfied = points.Where((p, i) => predicted[i] == p.Label).Count();
        var unknown = 0;
        var verification = new VerificationOptions { Timeout = regionTimeLimit, Seed = seed };
        var index = 0;
        foreach (var region in items.Where(i => i.Kind == EditKind.Region))
        {
            var property = EditSetVnnLib.ToProperty(region, model.OutputSize, domain, $"region{index++}.vnnlib");
            var result = await Verifier.CreateDefault(verification).VerifyAsync(model, property, oracle, verification, cancellationToken).ConfigureAwait(false);
            if (result.Verdict == Verdict.Unsat) satisfied++;
            else if (result.Verdict != Verdict.Sat) unknown++;
        }
        return new ConstraintAccuracy(items.Count, satisfied, unknown);
    }

    /// <summary>
    /// Scores <paramref name="model"/>: test accuracy and confusion on <paramref name="test"/>, drawdown against
    /// <paramref name="originalAccuracy"/> (0 when null: this is the original), efficacy on the repair split and
    /// generalisation on the held-out split.
    /// </summary>
    public static async Task<ClassifierScores> ScoreAsync(Network model, LabelledData test, EditSplit edits, double? originalAccuracy,
        TimeSpan regionTimeLimit, int seed, CancellationToken cancellationToken = default)
    {
        var details = await ScoreInDetailAsync(model, test, edits, originalAccuracy, regionTimeLimit, seed, cancellationToken).ConfigureAwait(false);
        return details.Scores;
    }

    /// <summary><see cref="ScoreAsync"/> with the counts behind efficacy and generalisation (how many regions were undecided).</summary>
    public static async Task<ScoreDetails> ScoreInDetailAsync(Network model, LabelledData test, EditSplit edits, double? originalAccuracy,
        TimeSpan regionTimeLimit, int seed, CancellationToken cancellationToken = default)
    {
        var confusion = Confusion(model, test, cancellationToken);
        var efficacy = await ConstraintAccuracyAsync(model, edits.Repair.Items, edits.Repair.Domain, regionTimeLimit, seed, cancellationToken).ConfigureAwait(false);
        var generalisation = await ConstraintAccuracyAsync(model, edits.HeldOut.Items, edits.HeldOut.Domain ?? edits.Repair.Domain, regionTimeLimit, seed, cancellationToken).ConfigureAwait(false);
        var accuracy = confusion.Accuracy;
        var scores = new ClassifierScores(accuracy, (originalAccuracy ?? accuracy) - accuracy, efficacy.Value, generalisation.Value, confusion);
        return new ScoreDetails(scores, efficacy, generalisation);
    }
}

/// <summary>Scores with the constraint counts behind them.</summary>
public sealed record ScoreDetails(ClassifierScores Scores, ConstraintAccuracy Efficacy, ConstraintAccuracy Generalisation);
