using Spectre.Console;

namespace RepairGate.Cli;

/// <summary>
/// Shows a spinner with elapsed time on stderr while long work runs, only when stderr is a terminal: stdout stays
/// machine-readable and CI logs stay clean.
/// </summary>
internal static class Progress
{
    public static async Task<T> RunAsync<T>(string title, Func<Task<T>> work)
    {
        if (Console.IsErrorRedirected || Environment.GetEnvironmentVariable("CI") == "true")
            return await work();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(title, async _ => await work());
    }
}
