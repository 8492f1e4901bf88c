using System.CommandLine;
using RepairGate.Core.Reports;

namespace RepairGate.Cli.Commands;

/// <summary>
/// <c>repairgate report merge a.json b.json ... --out DIR</c> (shards into one report) and
/// <c>repairgate report render run.json --out DIR</c>: both write every format and exit with the report's outcome.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(OutputStreams streams) => new("report", "Merge shard reports or render a JSON report into every format.")
    {
        Merge(streams),
        Render(streams),
    };

    private static Command Merge(OutputStreams streams)
    {
        var files = new Argument<FileInfo[]>("reports") { Description = "report.json files of the shards", Arity = ArgumentArity.OneOrMore };
        var (command, output, options) = Create("merge", "Merge shard reports (report.json) into one report and render all formats. Exits 0 when everything holds, 1 on a violation, 3 when undecided.", files);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, async () =>
        {
            options.ParseFormats(parse);
            var paths = parse.GetValue(files)!.Select(f => f.FullName).ToList();
            var loaded = new List<(string, RunReport)>();
            foreach (var path in paths) loaded.Add((path, await ReportJson.LoadAsync(path, cancellationToken)));
            return await Finish(parse, streams, options, output, ReportMerger.Merge(loaded), paths, cancellationToken);
        }));
        return command;
    }

    private static Command Render(OutputStreams streams)
    {
        var file = new Argument<FileInfo>("report") { Description = "A report.json" };
        var (command, output, options) = Create("render", "Render a JSON report into every format. Exits 0 when everything holds, 1 on a violation, 3 when undecided.", file);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, async () =>
        {
            options.ParseFormats(parse);
            var path = parse.GetValue(file)!.FullName;
            return await Finish(parse, streams, options, output, await ReportJson.LoadAsync(path, cancellationToken), [path], cancellationToken);
        }));
        return command;
    }

    private static (Command, Option<DirectoryInfo>, ReportOptions) Create(string name, string description, Argument argument)
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the reports", Required = true };
        var options = new ReportOptions();
        var command = new Command(name, description) { argument, output };
        options.AddTo(command, withShard: false);
        command.Options.Remove(options.Folder);
        return (command, output, options);
    }

    private static async Task<int> Finish(ParseResult parse, OutputStreams streams, ReportOptions options, Option<DirectoryInfo> output, RunReport report, IReadOnlyCollection<string> inputs, CancellationToken cancellationToken)
    {
        await options.WriteAsync(parse, report, streams, inputs, cancellationToken, parse.GetValue(output)!.FullName);
        var summary = ReportSummary.Of(report);
        streams.Output.WriteLine(summary.Headline);
        return ReportOptions.ExitCode(summary.Outcome);
    }
}
