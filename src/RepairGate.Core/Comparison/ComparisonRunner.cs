using System.Diagnostics;
using RepairGate.Core.EditSets;
using RepairGate.Core.Metrics;
using RepairGate.Core.Model;
using RepairGate.Core.Repair;
using RepairGate.Core.Specs;

namespace RepairGate.Core.Comparison;

/// <summary>
/// Runs each method on the same problem and scores it (edit points checked with OnnxRuntime, regions by the verifier).
/// Point items go straight to the engine as <see cref="RepairPoint"/>s with the given preserve rows; when the edit set has
/// region items, every item becomes a VNNLIB property and the <see cref="RepairLoop"/> (verify → repair → re-verify) runs
/// with that engine only. A method that fails gives a row with its status and reason, never an exception (except
/// cancellation).
/// </summary>
public static class ComparisonRunner
{
    /// <summary>Slack on top of the time limit before a method that ignores its budget is cancelled and reported as timed out.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>Scores the original, then each method in order; reports "method: phase" lines to <paramref name="progress"/>.</summary>
    public static async Task<ComparisonResult> RunAsync(ComparisonSetup setup, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var catalog = EngineCatalog.Default;
        var unknown = setup.Methods.Where(m => catalog.Find(m) is null).ToArray();
        if (unknown.Length > 0)
            throw new BadInputException($"unknown method{(unknown.Length == 1 ? "" : "s")} {string.Join(", ", unknown.Select(m => $"'{m}'"))}; known: {string.Join(", ", catalog.Names)}");
        int? requestedLayer = null;
        if (setup.Options.Layer is { } k)
            requestedLayer = RepairLayers.Resolve(setup.Model, k)
                ?? throw new BadInputException($"layer {k} is out of range: the network has {RepairLayers.Affine(setup.Model).Count} affine layers");

        progress?.Report($"original: scoring on {setup.Test.Count} test rows, {setup.Edits.Repair.Count} edit items, {setup.Edits.HeldOut.Count} held out");
        var original = await Score(setup.Model, setup, null, cancellationToken).ConfigureAwait(false);
        var methods = new List<MethodResult>();
        foreach (var name in setup.Methods)
        {
            var entry = catalog.Find(name)!;
            methods.Add(await RunMethodAsync(entry, catalog, setup, requestedLayer, original.TestAccuracy, progress, cancellationToken).ConfigureAwait(false));
        }
        return new ComparisonResult(setup.ModelName, setup.Edits.Repair.Name, setup.Edits.Repair.Count, setup.Edits.HeldOut.Count, setup.Test.Count, original, methods);
    }

    private static async Task<MethodResult> RunMethodAsync(EngineEntry entry, EngineCatalog catalog, ComparisonSetup setup, int? requestedLayer,
        double originalAccuracy, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        void Report(string line) => progress?.Report($"{entry.Name}: {line}");
        var regions = setup.Edits.Repair.Items.Any(i => i.Kind == EditKind.Region);
        Report(regions ? $"repair loop on {setup.Edits.Repair.Count} properties" : $"repairing {setup.Edits.Repair.Count} edit points");
        var clock = Stopwatch.StartNew();
        var (outcome, peak) = await PeakMemory.MeasureAsync(async () =>
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(setup.Options.TimeLimit + Grace);
            try
            {
                return regions
                    ? await RegionsAsync(entry, catalog, setup, Report, budget.Token).ConfigureAwait(false)
                    : await PointsAsync(entry, setup, requestedLayer, budget.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new Outcome(RepairStatus.TimedOut, $"still running {(setup.Options.TimeLimit + Grace).TotalSeconds:0} s after the start; cancelled", null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new Outcome(RepairStatus.Failed, $"{e.GetType().Name}: {e.Message}", null);
            }
        }).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        Report($"{outcome.Status.ToString().ToLowerInvariant()} in {elapsed.TotalSeconds:0.00} s: {outcome.Detail}");
        if (outcome.Repaired is not { } repaired)
            return new MethodResult(entry.Name, outcome.Status, outcome.Detail, null, null, elapsed, peak, null);
        Report("scoring the repaired model");
        var scores = await Score(repaired, setup, originalAccuracy, cancellationToken).ConfigureAwait(false);
        return new MethodResult(entry.Name, outcome.Status, outcome.Detail, scores, RepairMeasure.Change(setup.Model, repaired), elapsed, peak, repaired);
    }

    /// <summary>One engine call on the edit points, with the first PreservePoints preserve rows.</summary>
    private static async Task<Outcome> PointsAsync(EngineEntry entry, ComparisonSetup setup, int? requestedLayer, CancellationToken cancellationToken)
    {
        var model = setup.Model;
        if (entry.Layers(model, requestedLayer) is not { } layers)
            return new Outcome(RepairStatus.Failed, $"not applicable to this network{(requestedLayer is null ? "" : $" with layer {setup.Options.Layer}")}", null);
        var points = setup.Edits.Repair.Items
            .Select(i => new RepairPoint(i.Input, EditSetVnnLib.UnsafeOutputs(i.Label, model.OutputSize), i.Origin)).ToArray();
        var preserve = setup.Preserve.Inputs.Take(setup.Options.PreservePoints).ToArray();
        // The engines keep the model's own decisions on the preserve rows (what accuracy drawdown measures), not raw outputs.
        var decisions = preserve.Select(x => RepairMeasure.ArgMax(model.Evaluate(x))).ToArray();
        var problem = new RepairProblem(model, points, preserve, layers, setup.Options.Norm, setup.Options.Margin, null, setup.Options.TimeLimit,
            setup.Options.Seed, decisions);
        var attempt = await entry.Create().RepairAsync(problem, cancellationToken).ConfigureAwait(false);
        return new Outcome(attempt.Status, attempt.Detail, attempt.Status == RepairStatus.Repaired ? attempt.Repaired : null);
    }

    /// <summary>The verify-repair-reverify loop with this engine only, the items written as VNNLIB to a temporary folder (deleted after).</summary>
    private static async Task<Outcome> RegionsAsync(EngineEntry entry, EngineCatalog catalog, ComparisonSetup setup, Action<string> report, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "repairgate-compare", Guid.NewGuid().ToString("N"));
        try
        {
            var model = setup.Model;
            var paths = await EditSetVnnLib.WriteAsync(setup.Edits.Repair, folder, model.OutputSize, cancellationToken).ConfigureAwait(false);
            var properties = new List<VnnProperty>(paths.Count);
            foreach (var path in paths) properties.Add(await VnnLibParser.LoadAsync(path, cancellationToken).ConfigureAwait(false));
            var domain = setup.Edits.Repair.Domain ?? ValueRange.Of(setup.Preserve.Inputs);
            var options = new RepairOptions
            {
                Engine = entry.Name,
                Layer = setup.Options.Layer,
                Norm = setup.Options.Norm,
                Margin = setup.Options.Margin,
                Budget = setup.Options.TimeLimit,
                VerifyTimeout = setup.Options.RegionTimeLimit ?? ClassifierMetrics.DefaultRegionTimeLimit,
                PreservePoints = setup.Options.PreservePoints,
                TestPoints = 1000,
                Domain = [new InputBox(Enumerable.Repeat(domain.Min, model.InputSize).ToArray(), Enumerable.Repeat(domain.Max, model.InputSize).ToArray())],
                Seed = setup.Options.Seed,
            };
            var run = await new RepairLoop(catalog, report).RunAsync(model, properties, [], options, cancellationToken).ConfigureAwait(false);
            return run.Outcome switch
            {
                RepairOutcome.Proven => new Outcome(RepairStatus.Repaired, run.Detail, run.Patched),
                // Nothing to change: the original is the result, scored like any other.
                RepairOutcome.AlreadyHolds => new Outcome(RepairStatus.Repaired, run.Detail, model),
                RepairOutcome.Failed when run.Detail.Contains("budget", StringComparison.Ordinal) => new Outcome(RepairStatus.TimedOut, run.Detail, null),
                _ => new Outcome(RepairStatus.Failed, run.Detail, null),
            };
        }
        finally
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless; never hide the method's own result behind it.
            }
        }
    }

    private static Task<ClassifierScores> Score(Network model, ComparisonSetup setup, double? originalAccuracy, CancellationToken cancellationToken) =>
        ClassifierMetrics.ScoreAsync(model, setup.Test, setup.Edits, originalAccuracy,
            setup.Options.RegionTimeLimit ?? ClassifierMetrics.DefaultRegionTimeLimit, setup.Options.Seed, cancellationToken);

    private sealed record Outcome(RepairStatus Status, string Detail, Network? Repaired);
}
