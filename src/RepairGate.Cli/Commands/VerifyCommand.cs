using System.CommandLine;
using RepairGate.Core;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using RepairGate.Core.Reports;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Commands;

/// <summary>
/// <c>repairgate verify --model M... --property P... [--timeout S] [--result OUT] [--report DIR] [--shard i/n]</c>:
/// every (model, property) pair, one verdict line each; the exit code is the worst outcome.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(OutputStreams streams)
    {
        var model = new Option<string[]>("--model", "-m") { Description = "The network: .onnx or .nnet (repeatable; '*' wildcards in the file name)", Required = true };
        var property = new Option<string[]>("--property", "-p") { Description = "The property: a VNNLIB file describing the unsafe set (repeatable; '*' wildcards in the file name)", Required = true };
        var timeout = new Option<double>("--timeout", "-t") { Description = "Time budget per property in seconds", DefaultValueFactory = _ => 60 };
        var result = new Option<FileInfo?>("--result", "-r") { Description = "Write the VNN-COMP result file here (one model and property only; use --report for several)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the randomised search", DefaultValueFactory = _ => new VerificationOptions().Seed };
        var reports = new ReportOptions();

        var command = new Command("verify", "Verify properties of networks. Prints the verdict (sat, unsat, unknown, timeout) on the first line.")
        {
            model, property, timeout, result, seed,
        };
        reports.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, async () =>
        {
            var seconds = parse.GetValue(timeout);
            if (seconds <= 0 || double.IsNaN(seconds)) throw new BadInputException("--timeout must be a positive number of seconds");
            var options = new VerificationOptions { Timeout = TimeSpan.FromSeconds(seconds), Seed = parse.GetValue(seed) };
            reports.ParseFormats(parse);
            var shard = reports.Shard(parse);

            var modelPaths = InputFiles.Expand(parse.GetValue(model)!, "--model");
            var propertyPaths = InputFiles.Expand(parse.GetValue(property)!, "--property");
            var resultPath = parse.GetValue(result)?.FullName;
            var inputs = modelPaths.Concat(propertyPaths).ToList();
            var single = modelPaths.Count == 1 && propertyPaths.Count == 1 && shard is null;
            if (resultPath is not null && !single)
                throw new BadInputException("--result takes one model and one property; use --report DIR (VNN-COMP files in DIR/vnncomp) for several");
            if (resultPath is not null) AtomicFile.EnsureNotAnInput(resultPath, inputs);

            var pairs = Shard.Select(modelPaths.SelectMany(m => propertyPaths.Select(p => (Model: m, Property: p))), p => $"{p.Model}\n{p.Property}", shard);
            // Load and check every input first: a typo in the last property should not cost the time of the others.
            var networks = new Dictionary<string, Network>(StringComparer.Ordinal);
            var specs = new Dictionary<string, VnnProperty>(StringComparer.Ordinal);
            foreach (var (m, p) in pairs)
            {
                if (!networks.TryGetValue(m, out var network)) networks[m] = network = await ModelFiles.LoadAsync(m, cancellationToken);
                if (!specs.TryGetValue(p, out var spec)) specs[p] = spec = await VnnLibParser.LoadAsync(p, cancellationToken);
                spec.EnsureMatches(network.InputSize, network.OutputSize, network.SourcePath);
            }

            var builder = new RunReportBuilder("verify", options.Seed, shard);
            var verdicts = new List<Verdict>();
            // With several pairs the first line is the worst verdict, known only at the end: collect the lines.
            var lines = single ? streams.Output : new StringWriter();
            var oracles = new Dictionary<string, OnnxRuntimeOracle>(StringComparer.Ordinal);
            try
            {
                foreach (var ((m, p), index) in pairs.Select((pair, i) => (pair, i)))
                {
                    var (network, spec) = (networks[m], specs[p]);
                    if (!oracles.TryGetValue(m, out var oracle)) oracles[m] = oracle = OnnxRuntimeOracle.For(network);
                    var verification = await Progress.RunAsync($"Verifying {spec.Name} on {Path.GetFileName(m)}",
                        () => Verifier.CreateDefault(options).VerifyAsync(network, spec, oracle, options, cancellationToken));
                    verdicts.Add(verification.Verdict);
                    await builder.AddVerificationAsync(m, network, spec, verification, seconds, cancellationToken);
                    WriteVerdict(lines, verification, network, spec, single);
                    if (!single)
                        streams.Error.WriteLine($"[{index + 1}/{pairs.Count}] {Path.GetFileName(m)} {spec.Name}: {verification.Verdict.ToResultWord()} in {verification.Elapsed.TotalSeconds:0.00} s");
                    if (resultPath is not null)
                        await VnnCompResultFile.WriteAsync(resultPath, verification, inputs, cancellationToken);
                }
            }
            finally
            {
                foreach (var oracle in oracles.Values) oracle.Dispose();
            }

            if (!single)
            {
                streams.Output.WriteLine(Worst(verdicts));
                streams.Output.Write(lines.ToString());
            }
            var report = builder.Build();
            await reports.WriteAsync(parse, report, streams, inputs, cancellationToken);
            return ReportOptions.ExitCode(ReportSummary.Of(report).Outcome);
        }));
        return command;
    }

    /// <summary>sat beats unknown beats timeout beats unsat; "none" for an empty shard.</summary>
    private static string Worst(IReadOnlyList<Verdict> verdicts) =>
        verdicts.Count == 0 ? "none"
        : verdicts.Contains(Verdict.Sat) ? "sat"
        : verdicts.Contains(Verdict.Unknown) ? "unknown"
        : verdicts.Contains(Verdict.Timeout) ? "timeout"
        : "unsat";

    /// <summary>
    /// One property: the verdict word alone on the first line, then how. Several: the worst verdict first (written
    /// by the caller once known), then one line per pair starting with its verdict.
    /// </summary>
    private static void WriteVerdict(TextWriter output, VerificationResult verification, Network network, VnnProperty spec, bool single)
    {
        var word = verification.Verdict.ToResultWord();
        var how = $"{spec.Name} on {Path.GetFileName(network.SourcePath)}: {verification.Detail} ({verification.Elapsed.TotalSeconds:0.00} s)";
        if (single)
        {
            output.WriteLine(word);
            output.WriteLine(how);
        }
        else
        {
            output.WriteLine($"{word,-8}{how}");
        }
        if (verification.Counterexample is { } cex)
            output.Write(CounterexampleText.Describe(cex, spec));
    }
}
