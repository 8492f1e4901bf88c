using System.CommandLine;
using RepairGate.Core;
using RepairGate.Core.Onnx;
using RepairGate.Core.Reports;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Commands;

/// <summary><c>repairgate verify --model M --property P [--timeout S] [--result OUT]</c>.</summary>
internal static class VerifyCommand
{
    public static Command Create(OutputStreams streams)
    {
        var model = new Option<FileInfo>("--model", "-m") { Description = "The network: .onnx or .nnet", Required = true };
        var property = new Option<FileInfo>("--property", "-p") { Description = "The property: a VNNLIB file describing the unsafe set", Required = true };
        var timeout = new Option<double>("--timeout", "-t") { Description = "Time budget in seconds", DefaultValueFactory = _ => 60 };
        var result = new Option<FileInfo?>("--result", "-r") { Description = "Write the VNN-COMP result file here" };
        var seed = new Option<int>("--seed") { Description = "Seed of the randomised search", DefaultValueFactory = _ => new VerificationOptions().Seed };

        var command = new Command("verify", "Verify one property of a network. Prints the verdict (sat, unsat, unknown, timeout) on the first line.")
        {
            model, property, timeout, result, seed,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, async () =>
        {
            var seconds = parse.GetValue(timeout);
            if (seconds <= 0 || double.IsNaN(seconds)) throw new BadInputException("--timeout must be a positive number of seconds");
            var options = new VerificationOptions { Timeout = TimeSpan.FromSeconds(seconds), Seed = parse.GetValue(seed) };

            var modelPath = parse.GetValue(model)!.FullName;
            var propertyPath = parse.GetValue(property)!.FullName;
            var resultPath = parse.GetValue(result)?.FullName;
            string[] inputs = [modelPath, propertyPath];
            if (resultPath is not null) AtomicFile.EnsureNotAnInput(resultPath, inputs);

            var network = await ModelFiles.LoadAsync(modelPath, cancellationToken);
            var spec = await VnnLibParser.LoadAsync(propertyPath, cancellationToken);
            spec.EnsureMatches(network.InputSize, network.OutputSize, network.SourcePath);
            using var oracle = OnnxRuntimeOracle.For(network);

            var verification = await Progress.RunAsync($"Verifying {spec.Name}",
                () => Verifier.CreateDefault(options).VerifyAsync(network, spec, oracle, options, cancellationToken));

            streams.Output.WriteLine(verification.Verdict.ToResultWord());
            streams.Output.WriteLine($"{spec.Name} on {Path.GetFileName(network.SourcePath)}: {verification.Detail} ({verification.Elapsed.TotalSeconds:0.00} s)");
            if (verification.Counterexample is { } cex)
                CounterexampleText.Write(streams.Output, cex, spec);
            if (resultPath is not null)
                await VnnCompResultFile.WriteAsync(resultPath, verification, inputs, cancellationToken);

            return verification.Verdict switch
            {
                Verdict.Unsat => ExitCodes.Holds,
                Verdict.Sat => ExitCodes.Violated,
                _ => ExitCodes.Unknown,
            };
        }));
        return command;
    }
}
