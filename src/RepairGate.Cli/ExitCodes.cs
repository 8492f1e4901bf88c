namespace RepairGate.Cli;

/// <summary>Process exit codes; documented in README. Stable: CI scripts depend on them.</summary>
public static class ExitCodes
{
    /// <summary>Every property holds (verdict unsat).</summary>
    public const int Holds = 0;

    /// <summary>A property is violated (verdict sat, with a confirmed counterexample).</summary>
    public const int Violated = 1;

    /// <summary>Bad input or usage: unreadable model or property, unsupported operator, mismatched dimensions, bad options.</summary>
    public const int BadInput = 2;

    /// <summary>No verdict: unknown or timeout.</summary>
    public const int Unknown = 3;

    /// <summary>An internal error (a bug): please report it with the --verbose output.</summary>
    public const int InternalError = 4;

    /// <summary>Cancelled by the user (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
