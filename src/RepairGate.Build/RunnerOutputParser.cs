using System.Text.RegularExpressions;

namespace RepairGate.Build;

internal enum RunnerLineKind { Message, Error, Warning }

/// <summary>One line of runner output, classified.</summary>
internal sealed class RunnerLine
{
    public RunnerLine(RunnerLineKind kind, string text, string? code = null, string? file = null, int line = 0, int column = 0)
    {
        Kind = kind;
        Text = text;
        Code = code;
        File = file;
        Line = line;
        Column = column;
    }

    public RunnerLineKind Kind { get; }
    public string Text { get; }
    public string? Code { get; }
    public string? File { get; }
    public int Line { get; }
    public int Column { get; }
}

/// <summary>
/// Reads the runner's line protocol: canonical diagnostics <c>file(line,col): error RG1001: text</c> (also without a
/// position) become errors and warnings; the runner's own failure lines on stderr (<c>error: ...</c>,
/// <c>internal error: ...</c>) become RG0001/RG9001 errors; anything else is a progress message.
/// </summary>
internal static class RunnerOutputParser
{
    private static readonly Regex Canonical = new(
        @"^(?<file>.+?)(\((?<line>\d+)(,(?<col>\d+))?\))?: (?<kind>error|warning|message) (?<code>RG\d{4}): (?<text>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static RunnerLine Parse(string line)
    {
        var match = Canonical.Match(line);
        if (match.Success)
        {
            var kind = match.Groups["kind"].Value switch
            {
                "error" => RunnerLineKind.Error,
                "warning" => RunnerLineKind.Warning,
                _ => RunnerLineKind.Message,
            };
            return new RunnerLine(kind, match.Groups["text"].Value, match.Groups["code"].Value, match.Groups["file"].Value,
                Number(match.Groups["line"]), Number(match.Groups["col"]));
        }
        if (line.StartsWith("internal error: ", StringComparison.Ordinal))
            return new RunnerLine(RunnerLineKind.Error, "RepairGate runner: " + line, "RG9001");
        if (line.StartsWith("error: ", StringComparison.Ordinal))
            return new RunnerLine(RunnerLineKind.Error, line.Substring("error: ".Length), "RG0001");
        return new RunnerLine(RunnerLineKind.Message, line);
    }

    private static int Number(Group group) => group.Success ? int.Parse(group.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
