using System.CommandLine;
using RepairGate.Core;

namespace RepairGate.Cli;

/// <summary>
/// Runs a command body and maps failures to exit codes and one-line messages on stderr: bad input is exit 2 with
/// <c>file(line,col): message</c>; a bug is exit 4; a stack trace only with --verbose.
/// </summary>
internal static class CommandRunner
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Show details, including stack traces of errors", Recursive = true };

    public static async Task<int> RunAsync(ParseResult parse, OutputStreams streams, Func<Task<int>> body)
    {
        var verbose = parse.GetValue(Verbose);
        try
        {
            return await body();
        }
        catch (BadInputException e)
        {
            streams.Error.WriteLine($"error: {e.Message}");
            if (verbose) streams.Error.WriteLine(e);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            streams.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            streams.Error.WriteLine($"internal error: {e.Message}");
            streams.Error.WriteLine(verbose ? e.ToString() : "run again with --verbose for details, and please report it");
            return ExitCodes.InternalError;
        }
    }
}
