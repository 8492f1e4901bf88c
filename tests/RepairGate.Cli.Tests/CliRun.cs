using System.Diagnostics;
using RepairGate.Cli;

namespace RepairGate.Cli.Tests;

/// <summary>The result of one <c>repairgate</c> invocation.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string FirstLine => Output.Split('\n')[0].TrimEnd('\r');

    /// <summary>Runs the command line in-process with captured streams.</summary>
    public static async Task<CliRun> InProcessAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLineApp.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built tool as a separate process, as CI and the MSBuild runner do.</summary>
    public static async Task<CliRun> ProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "repairgate.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliRun(process.ExitCode, await output, await error);
    }
}
