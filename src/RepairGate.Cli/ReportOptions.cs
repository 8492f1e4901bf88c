using System.CommandLine;
using RepairGate.Core.Reports;

namespace RepairGate.Cli;

/// <summary>The report options every command that produces results shares: --report, --formats, --deterministic, --shard.</summary>
internal sealed class ReportOptions
{
    public Option<DirectoryInfo?> Folder { get; } = new("--report") { Description = "Write reports (JSON, JUnit, Markdown, HTML, VNN-COMP files) into this folder" };
    public Option<string> Formats { get; } = new("--formats") { Description = "Comma-separated report formats: json, junit, md, html, vnncomp, or all", DefaultValueFactory = _ => "all" };
    public Option<bool> Deterministic { get; } = new("--deterministic") { Description = "Leave timestamps and durations out of the reports, so the same inputs give byte-identical files" };
    public Option<string?> ShardOption { get; } = new("--shard") { Description = "Check only shard i of n (e.g. 2/3) of the sorted (model, property) pairs, for CI matrix jobs" };

    public void AddTo(Command command, bool withShard = true)
    {
        command.Options.Add(Folder);
        command.Options.Add(Formats);
        command.Options.Add(Deterministic);
        if (withShard) command.Options.Add(ShardOption);
    }

    public ShardInfo? Shard(ParseResult parse) => parse.GetValue(ShardOption) is { } text ? Core.Reports.Shard.Parse(text) : null;

    /// <summary>Validates the options before any work starts, so a typo fails fast.</summary>
    public ReportFormats ParseFormats(ParseResult parse) => ReportFormatNames.Parse(parse.GetValue(Formats) ?? "all");

    /// <summary>Writes the report when --report was given (or always, to <paramref name="folder"/>).</summary>
    public async Task WriteAsync(ParseResult parse, RunReport report, OutputStreams streams, IReadOnlyCollection<string> inputs, CancellationToken cancellationToken, string? folder = null)
    {
        folder ??= parse.GetValue(Folder)?.FullName;
        if (folder is null) return;
        if (parse.GetValue(Deterministic)) report = report.WithoutTiming();
        var written = await ReportWriter.WriteAllAsync(report, folder, ParseFormats(parse), inputs, cancellationToken);
        streams.Error.WriteLine($"reports: {written.Count} file{(written.Count == 1 ? "" : "s")} in {folder}");
    }

    /// <summary>Exit code of a whole report: violated beats undecided beats holds.</summary>
    public static int ExitCode(Outcome outcome) => outcome switch
    {
        Outcome.Holds => ExitCodes.Holds,
        Outcome.Violated => ExitCodes.Violated,
        _ => ExitCodes.Unknown,
    };
}
