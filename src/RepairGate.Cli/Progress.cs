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

    /// <summary>
    /// Runs <paramref name="work"/>, giving it a status callback: on a terminal the spinner shows the latest status;
    /// otherwise each status is a line on <paramref name="log"/> (stdout stays the result).
    /// </summary>
    public static async Task<T> RunWithStatusAsync<T>(string title, TextWriter log, Func<Action<string>, Task<T>> work)
    {
        if (Console.IsErrorRedirected || Environment.GetEnvironmentVariable("CI") == "true" || !ReferenceEquals(log, Console.Error))
            return await work(line => log.WriteLine(line));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(title, async context =>
            await work(line => context.Status(Markup.Escape($"{title}: {line}"))));
    }
}
