using System.CommandLine;
using RepairGate.Cli.Gate;
using RepairGate.Core;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Commands;

/// <summary>
/// <c>repairgate gate --model M --property P [--property P ...] ...</c>: the runner the MSBuild task launches for each
/// model. Prints progress lines and canonical diagnostics (<c>file(line,col): error RG1001: ...</c>); hidden from help.
/// </summary>
internal static class GateCommand
{
    public static Command Create(OutputStreams streams)
    {
        var model = new Option<FileInfo>("--model") { Description = "The network: .onnx or .nnet", Required = true };
        var property = new Option<FileInfo[]>("--property") { Description = "A VNNLIB property (repeat for several)", Required = true, AllowMultipleArgumentsPerToken = false };
        var timeout = new Option<double>("--timeout") { Description = "Time budget per property, seconds", DefaultValueFactory = _ => 60 };
        var seed = new Option<int>("--seed") { Description = "Seed of the randomised search", DefaultValueFactory = _ => new VerificationOptions().Seed };
        var failOn = new Option<string>("--fail-on") { Description = "violation | unknown | never", DefaultValueFactory = _ => "violation" };
        var repair = new Option<bool>("--repair") { Description = "Repair violated properties and re-verify" };
        var engine = new Option<string>("--repair-engine") { Description = "Repair engine", DefaultValueFactory = _ => "auto" };
        var maxDrawdown = new Option<double>("--max-drawdown") { Description = "Largest share of changed decisions a repair may cause", DefaultValueFactory = _ => 0.005 };
        var patchedOut = new Option<FileInfo?>("--patched-out") { Description = "Where the gated (repaired or verified) model is written; required with --repair" };
        var reportDir = new Option<DirectoryInfo?>("--report-dir") { Description = "Folder for reports" };
        var decision = new Option<string>("--decision") { Description = "The model's decision for --max-drawdown: argmax (classifiers) or argmin (ACAS Xu)", DefaultValueFactory = _ => "argmax" };

        var command = new Command("gate", "Runner for the MSBuild gate: verify (and repair) one model against its properties.")
        {
            model, property, timeout, seed, failOn, repair, engine, maxDrawdown, patchedOut, reportDir, decision,
        };
        command.Hidden = true;
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, async () =>
        {
            var seconds = parse.GetValue(timeout);
            if (!(seconds > 0)) throw new BadInputException("--timeout must be a positive number of seconds");
            var drawdown = parse.GetValue(maxDrawdown);
            if (!(drawdown >= 0 && drawdown <= 1)) throw new BadInputException("--max-drawdown must be between 0 and 1 (0.005 = 0.5 %)");
            var policy = parse.GetValue(failOn)!.ToLowerInvariant() switch
            {
                "violation" => GateFailOn.Violation,
                "unknown" => GateFailOn.Unknown,
                "never" => GateFailOn.Never,
                var other => throw new BadInputException($"--fail-on must be violation, unknown or never, not '{other}'"),
            };
            var settings = new GateSettings(
                parse.GetValue(model)!.FullName,
                parse.GetValue(property)!.Select(p => p.FullName).ToArray(),
                TimeSpan.FromSeconds(seconds),
                parse.GetValue(seed),
                policy,
                parse.GetValue(repair),
                parse.GetValue(engine)!,
                drawdown,
                parse.GetValue(patchedOut)?.FullName,
                parse.GetValue(reportDir)?.FullName,
                parse.GetValue(decision)!.ToLowerInvariant() switch
                {
                    "argmax" => false,
                    "argmin" => true,
                    var other => throw new BadInputException($"--decision must be argmax or argmin, not '{other}'"),
                });
            if (settings.Repair && settings.PatchedModelPath is null) throw new BadInputException("--patched-out is required with --repair");
            return await new GateRunner(settings, streams.Output, GateRepairers.Default(streams.Output)).RunAsync(cancellationToken);
        }));
        return command;
    }
}
