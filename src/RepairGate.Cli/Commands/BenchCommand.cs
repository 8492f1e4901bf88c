using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using RepairGate.Core;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using RepairGate.Core.Reports;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Commands;

/// <summary>
/// <c>repairgate bench --instances CSV [--timeout S] [--out DIR]</c>: runs a VNN-COMP instance list, writes result
/// files and summary.csv, prints solved/sat/unsat/unknown and timing, and checks verdicts.csv when present.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(OutputStreams streams)
    {
        var instances = new Option<FileInfo>("--instances", "-i") { Description = "VNN-COMP instance list: onnx,vnnlib,timeout rows relative to its folder", Required = true };
        var timeout = new Option<double?>("--timeout", "-t") { Description = "Override every instance's time budget (seconds)" };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for result files and summary.csv", DefaultValueFactory = _ => new DirectoryInfo("bench-results") };
        var seed = new Option<int>("--seed") { Description = "Seed of the randomised search", DefaultValueFactory = _ => new VerificationOptions().Seed };

        var reports = new ReportOptions();
        var command = new Command("bench", "Run a VNN-COMP instance list and summarise verdicts and times.") { instances, timeout, output, seed };
        reports.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, async () =>
        {
            var listPath = parse.GetValue(instances)!.FullName;
            reports.ParseFormats(parse);
            var shard = reports.Shard(parse);
            var list = BenchInstance.ReadList(listPath);
            if (shard is not null) list = Shard.Select(list, i => $"{i.Model}\n{i.Property}", shard);
            var builder = new RunReportBuilder("bench", parse.GetValue(seed), shard);
            var expected = BenchInstance.ReadVerdicts(listPath);
            var folder = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(folder);
            var rows = new List<BenchRow>();
            // Instance lists reuse models: load each once and keep one OnnxRuntime session per model.
            var models = new Dictionary<string, (Network Network, OnnxRuntimeOracle Oracle)>(StringComparer.Ordinal);
            var properties = new Dictionary<string, VnnProperty>(StringComparer.Ordinal);

            try
            {
                foreach (var (instance, index) in list.Select((x, i) => (x, i)))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!models.TryGetValue(instance.Model, out var model))
                    {
                        var loaded = await ModelFiles.LoadAsync(instance.Model, cancellationToken);
                        models[instance.Model] = model = (loaded, OnnxRuntimeOracle.For(loaded));
                    }
                    var (network, oracle) = model;
                    if (!properties.TryGetValue(instance.Property, out var property))
                        properties[instance.Property] = property = await VnnLibParser.LoadAsync(instance.Property, cancellationToken);

                    var options = new VerificationOptions { Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout) ?? instance.TimeoutSeconds), Seed = parse.GetValue(seed) };
                    var clock = Stopwatch.StartNew();
                    var result = await Verifier.CreateDefault(options).VerifyAsync(network, property, oracle, options, cancellationToken);
                    var seconds = clock.Elapsed.TotalSeconds;
                    await builder.AddVerificationAsync(instance.Model, network, property, result, options.Timeout.TotalSeconds, cancellationToken);
                    await VnnCompResultFile.WriteAsync(Path.Combine(folder, $"{instance.ModelName}__{instance.PropertyName}.txt"), result, cancellationToken: cancellationToken);

                    var verdict = result.Verdict.ToResultWord();
                    expected.TryGetValue(instance.VerdictKey, out var published);
                    var row = new BenchRow(instance, verdict, seconds, published);
                    rows.Add(row);
                    streams.Error.WriteLine($"[{index + 1}/{list.Count}] {instance.ModelName} {instance.PropertyName}: {verdict} in {seconds:0.00} s{(row.IsWrong ? $"  WRONG (published: {published})" : "")}");
                }
            }
            finally
            {
                foreach (var (_, oracle) in models.Values) oracle.Dispose();
            }

            await AtomicFile.WriteAllTextAsync(Path.Combine(folder, "summary.csv"), SummaryCsv(rows), cancellationToken: cancellationToken);
            WriteSummary(streams.Output, rows, expected.Count > 0);
            await reports.WriteAsync(parse, builder.Build(), streams, list.SelectMany(i => new[] { i.Model, i.Property }).Append(listPath).ToList(), cancellationToken);
            return rows.Any(r => r.IsWrong) ? ExitCodes.InternalError : ExitCodes.Holds;
        }));
        return command;
    }

    private static string SummaryCsv(IEnumerable<BenchRow> rows)
    {
        var text = new StringBuilder("onnx,vnnlib,result,seconds\n");
        foreach (var r in rows)
            text.Append(CultureInfo.InvariantCulture, $"{Path.GetFileName(r.Instance.Model)},{Path.GetFileName(r.Instance.Property)},{r.Verdict},{r.Seconds:0.000}\n");
        return text.ToString();
    }

    private static void WriteSummary(TextWriter output, IReadOnlyList<BenchRow> rows, bool haveVerdicts)
    {
        int sat = rows.Count(r => r.Verdict == "sat"), unsat = rows.Count(r => r.Verdict == "unsat");
        var times = rows.Select(r => r.Seconds).Order().ToArray();
        if (times.Length == 0)
        {
            output.WriteLine("instances 0 (empty shard)");
            return;
        }
        var median = times.Length % 2 == 1 ? times[times.Length / 2] : (times[times.Length / 2 - 1] + times[times.Length / 2]) / 2;
        output.WriteLine(FormattableString.Invariant($"instances {rows.Count}: solved {sat + unsat} (sat {sat}, unsat {unsat}), unknown {rows.Count(r => r.Verdict == "unknown")}, timeout {rows.Count(r => r.Verdict == "timeout")}"));
        output.WriteLine(FormattableString.Invariant($"time: total {times.Sum():0.0} s, median {median:0.00} s"));
        if (haveVerdicts)
            output.WriteLine($"against verdicts.csv: correct {rows.Count(r => r.IsCorrect)}, wrong {rows.Count(r => r.IsWrong)}, unsolved {rows.Count(r => r.Verdict is not ("sat" or "unsat"))}");
    }

    private sealed record BenchRow(BenchInstance Instance, string Verdict, double Seconds, string? Published)
    {
        public bool IsCorrect => Published is not null && Verdict == Published;
        public bool IsWrong => Published is ("sat" or "unsat") && Verdict is ("sat" or "unsat") && Verdict != Published;
    }
}
