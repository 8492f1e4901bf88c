namespace RepairGate.Core;

/// <summary>
/// Input the user can fix: a malformed model or property file, an unsupported operator, mismatched dimensions.
/// The message reads <c>file(line,col): message</c> (MSBuild/compiler style) when a position is known,
/// so editors and build logs can jump to it. Command-line tools map it to exit code 2.
/// </summary>
public class BadInputException : Exception
{
    public BadInputException(string message, string? file = null, int line = 0, int column = 0, Exception? inner = null)
        : base(Format(message, file, line, column), inner)
    {
        Reason = message;
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }
    public string? File { get; }

    /// <summary>1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0 when unknown.</summary>
    public int Column { get; }

    private static string Format(string message, string? file, int line, int column) =>
        file is null ? message
        : line <= 0 ? $"{file}: {message}"
        : column <= 0 ? $"{file}({line}): {message}"
        : $"{file}({line},{column}): {message}";
}
