using System.CommandLine;
using RepairGate.Cli.Commands;

namespace RepairGate.Cli;

/// <summary>The <c>repairgate</c> command line, runnable in-process with its own output streams (tests, the MSBuild runner).</summary>
public static class CommandLineApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var streams = new OutputStreams(output, error);
        var root = new RootCommand("RepairGate: verify and repair neural networks against safety properties.")
        {
            CommandRunner.Verbose,
            VerifyCommand.Create(streams),
            BenchCommand.Create(streams),
            ReportCommand.Create(streams),
            GateCommand.Create(streams),
            RunnerInstallCommand.Create(streams),
            TrainCommand.Create(streams),
            RobustnessSpecCommand.Create(streams),
            RepairCommand.Create(streams),
            BenchRepairCommand.Create(streams),
            CompareCommand.Create(streams),
            CompareCommand.CreateEval(streams),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage errors are bad input (exit 2), not a violated property (System.CommandLine's default 1).
            foreach (var e in parse.Errors) error.WriteLine($"error: {e.Message}");
            error.WriteLine("run 'repairgate --help' for usage");
            return ExitCodes.BadInput;
        }
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parse.InvokeAsync(configuration, cancellationToken);
    }
}

/// <summary>Where a command writes: stdout for results (first line = verdict), stderr for diagnostics.</summary>
public sealed record OutputStreams(TextWriter Output, TextWriter Error);
