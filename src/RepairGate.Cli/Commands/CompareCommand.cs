using System.CommandLine;
using RepairGate.Core;
using RepairGate.Core.Comparison;
using RepairGate.Core.Onnx;
using RepairGate.Core.Reports;

namespace RepairGate.Cli.Commands;

/// <summary>
/// <c>repairgate compare --model M --data D --edit-set SPEC --methods a,b|--all|--test-only ...</c>: runs every method
/// on the same repair problem and prints the comparison table (Markdown); <c>repairgate eval</c> is the evaluation alone.
/// Exit 0 when some method meets --min-efficacy/--max-drawdown (always for eval), 1 when none does, 2 bad input.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(OutputStreams streams)
    {
        var o = new CompareOptions();
        var command = new Command("compare", "Repair a classifier with several methods on the same edit set and compare test accuracy, drawdown, efficacy, generalisation, weight change, time and memory. Prints a Markdown table.");
        foreach (var option in o.ForCompare) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, () => RunAsync(o.Read(parse, evalOnly: false), streams, cancellationToken)));
        return command;
    }

    public static Command CreateEval(OutputStreams streams)
    {
        var o = new CompareOptions(evalOnly: true);
        var command = new Command("eval", "Evaluate a classifier: test accuracy, confusion matrix, and the constraint accuracy of an edit set (compare --test-only). Prints a Markdown table.");
        foreach (var option in o.ForEval) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, () => RunAsync(o.Read(parse, evalOnly: true), streams, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CompareSettings settings, OutputStreams streams, CancellationToken cancellationToken)
    {
        var model = await ModelFiles.LoadAsync(settings.ModelPath, cancellationToken);
        var problem = await CompareData.LoadAsync(settings, model, cancellationToken);
        var protectedPaths = problem.Inputs;
        if (settings.SaveBest is { } bestPath) AtomicFile.EnsureNotAnInput(bestPath, protectedPaths);
        streams.Error.WriteLine($"{Path.GetFileName(settings.ModelPath)}: {problem.Edits.Repair.Count} repair items, {problem.Edits.HeldOut.Count} held out, "
            + $"{problem.Test.Count} test rows, {problem.Preserve.Count} preserve rows; methods: {(settings.Methods.Count == 0 ? "none (evaluation only)" : string.Join(", ", settings.Methods))}");

        var setup = new ComparisonSetup(model, Path.GetFileName(settings.ModelPath), problem.Edits, problem.Test, problem.Preserve, settings.Methods, settings.Options);
        var result = await Progress.RunWithStatusAsync("comparing", streams.Error,
            status => ComparisonRunner.RunAsync(setup, new LineProgress(status), cancellationToken));

        var evaluation = settings.Methods.Count == 0;
        streams.Output.Write(ComparisonMarkdown.Render(result, settings.Deterministic, withConfusion: evaluation));
        if (settings.OutFolder is { } folder)
        {
            var written = await ComparisonReportWriter.WriteAllAsync(result, folder, settings.Formats, settings.Deterministic, settings.MaxDrawdown, protectedPaths, cancellationToken);
            streams.Error.WriteLine($"comparison: {written.Count} file{(written.Count == 1 ? "" : "s")} in {folder}");
        }
        if (evaluation) return ExitCodes.Holds;

        var best = ComparisonRows.BestMeeting(result, settings.MinEfficacy, settings.MaxDrawdown);
        if (best is not null && settings.SaveBest is { } path)
        {
            await OnnxModelWriter.SaveAsync(best.Repaired!, path, cancellationToken);
            streams.Error.WriteLine($"wrote {path}: the {best.Method} repair ({string.Join(", ", OnnxModelWriter.ChangedInitializers(best.Repaired!))} changed)");
        }
        if (settings.MsBuild) streams.Output.WriteLine(CompareDiagnostics.Line(result, settings, best));
        else if (best is null) streams.Error.WriteLine(CompareDiagnostics.Shortfall(result, settings));
        return best is null ? ExitCodes.Violated : ExitCodes.Holds;
    }

    /// <summary>Reports progress synchronously (System.Progress would post to a thread-pool queue and reorder lines).</summary>
    private sealed class LineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
