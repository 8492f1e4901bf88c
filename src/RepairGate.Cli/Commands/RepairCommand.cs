using System.CommandLine;
using System.Globalization;
using RepairGate.Core;
using RepairGate.Core.Repair;
using RepairGate.Core.Reports;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Commands;

/// <summary>
/// <c>repairgate repair --model M --property P [--property ...] [--keep K ...] [--engine E] [--layer K] [--norm linf|l1] --out PATCHED.onnx</c>:
/// verify, repair, re-verify; writes the patched model only when it is proven.
/// </summary>
internal static class RepairCommand
{
    public static Command Create(OutputStreams streams)
    {
        var o = new RepairCommandOptions();
        var command = new Command("repair", "Change the weights of a network as little as possible so that violated properties hold, and prove it. Prints repaired, failed, holds or unknown on the first line.");
        foreach (var option in o.All) command.Options.Add(option);
        var reports = new ReportOptions();
        reports.AddTo(command, withShard: false);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, async () =>
        {
            var modelPath = parse.GetValue(o.Model)!.FullName;
            var outPath = parse.GetValue(o.Out)!.FullName;
            var propertyPaths = parse.GetValue(o.Property)!.Select(f => f.FullName).ToArray();
            var keepPaths = (parse.GetValue(o.Keep) ?? []).Select(f => f.FullName).ToArray();
            var domainPath = parse.GetValue(o.Domain)?.FullName;
            var testDomainPath = parse.GetValue(o.TestDomain)?.FullName;
            string[] inputs = [modelPath, .. propertyPaths, .. keepPaths, .. new[] { domainPath, testDomainPath }.OfType<string>()];
            AtomicFile.EnsureNotAnInput(outPath, inputs);
            if (!string.Equals(Path.GetExtension(outPath), ".onnx", StringComparison.OrdinalIgnoreCase))
                throw new BadInputException("the patched model is written as ONNX; give --out a .onnx path", outPath);
            var options = await o.ReadAsync(parse, cancellationToken);
            reports.ParseFormats(parse);

            var network = await ModelFiles.LoadAsync(modelPath, cancellationToken);
            var targets = await LoadAllAsync(propertyPaths, cancellationToken);
            var keep = await LoadAllAsync(keepPaths, cancellationToken);
            options = options with
            {
                Domain = domainPath is null ? null : (await VnnLibParser.LoadAsync(domainPath, cancellationToken)).Cases.Select(c => c.Input).ToArray(),
                TestDomain = testDomainPath is null ? null : (await VnnLibParser.LoadAsync(testDomainPath, cancellationToken)).Cases.Select(c => c.Input).ToArray(),
            };

            var loop = new RepairLoop(EngineCatalog.Default, line => streams.Error.WriteLine(line));
            var run = await loop.RunAsync(network, targets, keep, options, cancellationToken);
            if (run.Outcome == RepairOutcome.Proven)
            {
                var regionLayer = run.Final.Any(c => c.Method == "region proof") ? run.Iterations[^1].Layers[0] : (int?)null;
                var check = await PatchedModel.SaveAndCheckAsync(run.Patched!, outPath, inputs, targets, options, cancellationToken, regionLayer);
                streams.Error.WriteLine(check);
            }
            RepairSummary.Write(streams.Output, run, outPath);
            if (parse.GetValue(reports.Folder) is not null)
            {
                var builder = new RunReportBuilder("repair", options.Seed);
                builder.AddRepair(await RepairReportBuilder.FromAsync(run, network, modelPath, targets,
                    run.Outcome == RepairOutcome.Proven ? outPath : null, options.Seed, cancellationToken));
                await reports.WriteAsync(parse, builder.Build(), streams, inputs, cancellationToken);
            }
            return run.Outcome switch
            {
                RepairOutcome.Proven or RepairOutcome.AlreadyHolds => ExitCodes.Holds,
                RepairOutcome.OriginalUnknown => ExitCodes.Unknown,
                _ => ExitCodes.Violated,
            };
        }));
        return command;
    }

    private static async Task<IReadOnlyList<VnnProperty>> LoadAllAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var properties = new List<VnnProperty>();
        foreach (var path in paths) properties.Add(await VnnLibParser.LoadAsync(path, cancellationToken));
        return properties;
    }
}

/// <summary>The options of <c>repair</c> (also used by <c>bench-repair</c>) and their validation.</summary>
internal sealed class RepairCommandOptions
{
    private static readonly RepairOptions Defaults = new();

    public Option<FileInfo> Model { get; } = new("--model", "-m") { Description = "The network: .onnx or .nnet", Required = true };
    public Option<FileInfo[]> Property { get; } = new("--property", "-p") { Description = "A property to repair (VNNLIB, unsafe set); repeatable", Required = true, AllowMultipleArgumentsPerToken = false };
    public Option<FileInfo[]> Keep { get; } = new("--keep", "-k") { Description = "A property that must keep holding if it holds on the original; repeatable" };
    public Option<FileInfo> Out { get; } = new("--out", "-o") { Description = "Where to write the patched ONNX model (never over an input)", Required = true };
    public Option<string> Engine { get; } = new("--engine", "-e") { Description = $"auto, or one of: {string.Join(", ", EngineCatalog.Default.Names)}", DefaultValueFactory = _ => "auto" };
    public Option<int?> Layer { get; } = new("--layer") { Description = "The affine layer to change, counted over affine layers (0 = first, -1 = last)" };
    public Option<string> Norm { get; } = new("--norm") { Description = "Norm of the weight change to minimise: linf or l1", DefaultValueFactory = _ => "linf" };
    public Option<double> Margin { get; } = new("--margin") { Description = "How far repaired points must clear the unsafe sets (output units)", DefaultValueFactory = _ => Defaults.Margin };
    public Option<double?> MaxChange { get; } = new("--max-change") { Description = "Bound on every single parameter's change" };
    public Option<double> Timeout { get; } = new("--timeout", "-t") { Description = "Budget of the whole run in seconds", DefaultValueFactory = _ => Defaults.Budget.TotalSeconds };
    public Option<double> VerifyTimeout { get; } = new("--verify-timeout") { Description = "Budget of one verification in seconds", DefaultValueFactory = _ => Defaults.VerifyTimeout.TotalSeconds };
    public Option<int> MaxIterations { get; } = new("--max-iterations") { Description = "Engine calls per engine before escalating", DefaultValueFactory = _ => Defaults.MaxIterations };
    public Option<int> PreservePoints { get; } = new("--preserve-points") { Description = "Inputs sampled from the domain whose outputs should barely move", DefaultValueFactory = _ => Defaults.PreservePoints };
    public Option<int> TestPoints { get; } = new("--test-points") { Description = "Independent inputs for the fidelity metric", DefaultValueFactory = _ => Defaults.TestPoints };
    public Option<FileInfo?> Domain { get; } = new("--domain") { Description = "VNNLIB file whose input boxes are the preserve domain (default: the bounding box of all properties)" };
    public Option<FileInfo?> TestDomain { get; } = new("--test-domain") { Description = "VNNLIB file whose input boxes are the test domain (default: the preserve domain)" };
    public Option<int> Coverage { get; } = new("--coverage") { Description = "Uniform points of each violated input box that must clear the margin too", DefaultValueFactory = _ => Defaults.Harvester.Coverage };
    public Option<bool> PointsOnly { get; } = new("--points-only") { Description = "Repair sampled points only; do not certify whole violated input boxes" };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of sampling, harvesting and verification", DefaultValueFactory = _ => Defaults.Seed };

    public IEnumerable<Option> All => [Model, Property, Keep, Out, Engine, Layer, Norm, Margin, MaxChange, Timeout, VerifyTimeout, MaxIterations, PreservePoints, TestPoints, Domain, TestDomain, Coverage, PointsOnly, Seed];

    /// <summary>The validated settings (without domains, which need files).</summary>
    public Task<RepairOptions> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var engine = parse.GetValue(Engine)!;
        if (!string.Equals(engine, "auto", StringComparison.OrdinalIgnoreCase) && EngineCatalog.Default.Find(engine) is null)
            throw new BadInputException($"--engine '{engine}' is not available; choose auto or one of: {string.Join(", ", EngineCatalog.Default.Names)}");
        var norm = parse.GetValue(Norm)!.ToLowerInvariant() switch
        {
            "linf" => WeightNorm.LInf,
            "l1" => WeightNorm.L1,
            var other => throw new BadInputException($"--norm '{other}' is not linf or l1"),
        };
        var margin = parse.GetValue(Margin);
        if (!(margin > 0)) throw new BadInputException("--margin must be positive");
        var maxChange = parse.GetValue(MaxChange);
        if (maxChange is { } c && !(c > 0)) throw new BadInputException("--max-change must be positive");
        var budget = Positive(parse.GetValue(Timeout), "--timeout");
        var verify = Positive(parse.GetValue(VerifyTimeout), "--verify-timeout");
        var iterations = parse.GetValue(MaxIterations);
        if (iterations < 1) throw new BadInputException("--max-iterations must be at least 1");
        var preserve = parse.GetValue(PreservePoints);
        var test = parse.GetValue(TestPoints);
        var coverage = parse.GetValue(Coverage);
        if (preserve < 0 || test < 0 || coverage < 0) throw new BadInputException("--preserve-points, --test-points and --coverage cannot be negative");
        return Task.FromResult(new RepairOptions
        {
            Engine = engine, Layer = parse.GetValue(Layer), Norm = norm, Margin = margin, MaxWeightChange = maxChange,
            Budget = TimeSpan.FromSeconds(budget), VerifyTimeout = TimeSpan.FromSeconds(verify), MaxIterations = iterations,
            PreservePoints = preserve, TestPoints = test, Seed = parse.GetValue(Seed), UseRegions = !parse.GetValue(PointsOnly),
            Harvester = Defaults.Harvester with { Coverage = coverage, UniformSamples = Math.Max(Defaults.Harvester.UniformSamples, 2 * coverage) },
        });
    }

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new BadInputException($"{name} must be a positive number of seconds");

    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
