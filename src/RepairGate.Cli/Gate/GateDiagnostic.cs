namespace RepairGate.Cli.Gate;

/// <summary>
/// The RG codes of the build gate (see README, "RG codes"). Codes are stable: CI filters and docs depend on them.
/// </summary>
internal static class GateCodes
{
    /// <summary>Bad input: unreadable or malformed model or property, mismatched dimensions.</summary>
    public const string BadInput = "RG0001";

    /// <summary>A property is violated (confirmed counterexample) and was not repaired.</summary>
    public const string Violated = "RG1001";

    /// <summary>No verdict (unknown or timeout) for a property.</summary>
    public const string NoVerdict = "RG1002";

    /// <summary>The model was repaired and the patched model re-verified (a warning: the shipped weights changed).</summary>
    public const string Repaired = "RG2001";

    /// <summary>Repair was requested but failed, or its result did not pass re-verification or MaxDrawdown.</summary>
    public const string RepairFailed = "RG2002";

    /// <summary>Repair was requested but this build of RepairGate has no repair engine.</summary>
    public const string RepairUnavailable = "RG2003";

    /// <summary>Internal error in the runner (a bug).</summary>
    public const string Internal = "RG9001";
}

internal enum GateSeverity { Message, Warning, Error }

/// <summary>
/// One line of the runner protocol, in MSBuild's canonical form <c>file(line,col): error RG1001: text</c>, which the
/// MSBuild task (and editors, and CI log parsers) turn into build errors and warnings.
/// </summary>
internal sealed record GateDiagnostic(GateSeverity Severity, string Code, string File, int Line, int Column, string Text)
{
    public override string ToString()
    {
        var severity = Severity switch { GateSeverity.Error => "error", GateSeverity.Warning => "warning", _ => "message" };
        var position = Line > 0 ? $"({Line},{Math.Max(Column, 1)})" : "";
        // One line per diagnostic: the protocol is line-based.
        var text = Text.Replace('\r', ' ').Replace('\n', ' ');
        return $"{File}{position}: {severity} {Code}: {text}";
    }
}
