using System.CommandLine;
using RepairGate.Cli;
using RepairGate.Cli.Commands;

var root = new RootCommand("RepairGate: verify and repair neural networks against safety properties.")
{
    CommandRunner.Verbose,
    VerifyCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // Usage errors are bad input (exit 2), not a violated property (System.CommandLine's default 1).
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("run 'repairgate --help' for usage");
    return ExitCodes.BadInput;
}
return await parse.InvokeAsync();
