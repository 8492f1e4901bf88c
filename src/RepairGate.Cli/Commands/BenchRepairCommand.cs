using System.CommandLine;
using System.Globalization;
using System.Text;
using RepairGate.Core;
using RepairGate.Core.Model;
using RepairGate.Core.Repair;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Commands;

/// <summary>
/// <c>repairgate bench-repair --instances CSV --out DIR [--engine E ...] [--timeout S]</c>: repairs every instance that
/// verdicts.csv marks violated, with each engine, and writes repair-summary.csv and repair-summary.md.
/// </summary>
internal static class BenchRepairCommand
{
    public static Command Create(OutputStreams streams)
    {
        var instances = new Option<FileInfo>("--instances", "-i") { Description = "VNN-COMP instance list; verdicts.csv beside it selects the violated (sat) instances", Required = true };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for repair-summary.csv and repair-summary.md", DefaultValueFactory = _ => new DirectoryInfo("bench-repair") };
        var engines = new Option<string[]>("--engine", "-e") { Description = "Engine(s) to compare; repeatable (default auto)" };
        var timeout = new Option<double>("--timeout", "-t") { Description = "Budget per instance and engine in seconds", DefaultValueFactory = _ => 60 };
        var testPoints = new Option<int>("--test-points") { Description = "Test points per instance for fidelity", DefaultValueFactory = _ => 10000 };
        var limit = new Option<int?>("--limit") { Description = "Only the first N violated instances" };
        var command = new Command("bench-repair", "Repair every violated instance of a VNN-COMP list and summarise proven repairs, fidelity, weight change and time per engine.")
        {
            instances, output, engines, timeout, testPoints, limit,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, async () =>
        {
            var listPath = parse.GetValue(instances)!.FullName;
            var verdicts = BenchInstance.ReadVerdicts(listPath);
            if (verdicts.Count == 0) throw new BadInputException("bench-repair needs verdicts.csv beside the instance list to know which instances are violated", listPath);
            var violated = BenchInstance.ReadList(listPath).Where(i => verdicts.GetValueOrDefault(i.VerdictKey) == "sat").Take(parse.GetValue(limit) ?? int.MaxValue).ToList();
            var engineNames = parse.GetValue(engines) is { Length: > 0 } given ? given : ["auto"];
            foreach (var name in engineNames.Where(n => n != "auto" && EngineCatalog.Default.Find(n) is null))
                throw new BadInputException($"--engine '{name}' is not available; choose auto or one of: {string.Join(", ", EngineCatalog.Default.Names)}");
            var seconds = parse.GetValue(timeout);
            if (!(seconds > 0)) throw new BadInputException("--timeout must be a positive number of seconds");
            var folder = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(folder);

            var rows = new List<Row>();
            var models = new Dictionary<string, Network>(StringComparer.Ordinal);
            var index = 0;
            foreach (var instance in violated)
            {
                if (!models.TryGetValue(instance.Model, out var network))
                    models[instance.Model] = network = await ModelFiles.LoadAsync(instance.Model, cancellationToken);
                var property = await VnnLibParser.LoadAsync(instance.Property, cancellationToken);
                index++;
                foreach (var engine in engineNames)
                {
                    var options = new RepairOptions { Engine = engine, Budget = TimeSpan.FromSeconds(seconds), VerifyTimeout = TimeSpan.FromSeconds(seconds), TestPoints = parse.GetValue(testPoints) };
                    var run = await new RepairLoop(EngineCatalog.Default).RunAsync(network, [property], [], options, cancellationToken);
                    var row = new Row(instance, engine, run);
                    rows.Add(row);
                    streams.Error.WriteLine($"[{index}/{violated.Count}] {instance.ModelName} {instance.PropertyName} {engine}: {run.Outcome} in {run.Elapsed.TotalSeconds:0.0} s{(run.Metrics is { } m ? $", argmin agreement {m.Test.ArgminAgreement:P2}" : "")}");
                }
            }
            await AtomicFile.WriteAllTextAsync(Path.Combine(folder, "repair-summary.csv"), Csv(rows), cancellationToken: cancellationToken);
            var markdown = Markdown(rows, engineNames, seconds);
            await AtomicFile.WriteAllTextAsync(Path.Combine(folder, "repair-summary.md"), markdown, cancellationToken: cancellationToken);
            streams.Output.Write(markdown);
            return ExitCodes.Holds;
        }));
        return command;
    }

    private sealed record Row(BenchInstance Instance, string Engine, RepairRun Run)
    {
        public bool Proven => Run.Outcome == RepairOutcome.Proven;
        public string Winner => Proven ? Run.Iterations[^1].Engine : "";
    }

    private static string Csv(IEnumerable<Row> rows)
    {
        var text = new StringBuilder("onnx,vnnlib,engine,outcome,proven_by,iterations,seconds,argmin_agreement,argmax_agreement,mean_abs_dy,linf,l1,parameters,efficacy,generalisation\n");
        foreach (var r in rows)
        {
            var m = r.Proven ? r.Run.Metrics : null;
            text.Append(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(r.Instance.Model)},{Path.GetFileName(r.Instance.Property)},{r.Engine},{r.Run.Outcome},{r.Winner},{r.Run.Iterations.Count},{r.Run.Elapsed.TotalSeconds:0.00},");
            text.Append(m is null ? ",,,,,,,,\n" : FormattableString.Invariant(
                $"{m.Test.ArgminAgreement:0.0000},{m.Test.ArgmaxAgreement:0.0000},{m.Test.MeanAbsChange:G4},{m.Change.LInf:G4},{m.Change.L1:G4},{m.Change.ParametersTouched},{m.Efficacy:0.0000},{m.Generalisation:0.0000}\n"));
        }
        return text.ToString();
    }

    private static string Markdown(IReadOnlyList<Row> rows, IEnumerable<string> engines, double seconds)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Repair of {rows.Select(r => r.Instance.VerdictKey).Distinct().Count()} violated instances, budget {seconds:0} s each\n\n");
        text.Append("| engine | proven | failed | original unknown | median argmin agreement | min argmin agreement | median L∞ change | median time (s) | total time (s) |\n");
        text.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var engine in engines)
        {
            var mine = rows.Where(r => r.Engine == engine).ToList();
            var proven = mine.Where(r => r.Proven).ToList();
            string Median(IEnumerable<double> values, string format)
            {
                var sorted = values.Order().ToArray();
                return sorted.Length == 0 ? "-" : sorted[sorted.Length / 2].ToString(format, CultureInfo.InvariantCulture);
            }
            var minAgreement = proven.Count == 0 ? "-" : proven.Min(r => r.Run.Metrics!.Test.ArgminAgreement).ToString("P2", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture,
                $"| {engine} | {proven.Count} | {mine.Count(r => r.Run.Outcome == RepairOutcome.Failed)} | {mine.Count(r => r.Run.Outcome == RepairOutcome.OriginalUnknown)} | {Median(proven.Select(r => r.Run.Metrics!.Test.ArgminAgreement * 100), "0.00")}% | {minAgreement} | {Median(proven.Select(r => r.Run.Metrics!.Change.LInf), "G3")} | {Median(mine.Select(r => r.Run.Elapsed.TotalSeconds), "0.0")} | {mine.Sum(r => r.Run.Elapsed.TotalSeconds):0} |\n");
        }
        text.Append("\n| instance | engine | outcome | proven by | iterations | argmin agreement | L∞ | L1 | time (s) |\n| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var r in rows)
        {
            var m = r.Proven ? r.Run.Metrics : null;
            text.Append(CultureInfo.InvariantCulture,
                $"| {r.Instance.ModelName} {r.Instance.PropertyName} | {r.Engine} | {r.Run.Outcome} | {r.Winner} | {r.Run.Iterations.Count} | {(m is null ? "-" : m.Test.ArgminAgreement.ToString("P2", CultureInfo.InvariantCulture))} | {(m is null ? "-" : m.Change.LInf.ToString("G3", CultureInfo.InvariantCulture))} | {(m is null ? "-" : m.Change.L1.ToString("G3", CultureInfo.InvariantCulture))} | {r.Run.Elapsed.TotalSeconds:0.0} |\n");
        }
        return text.ToString();
    }
}
