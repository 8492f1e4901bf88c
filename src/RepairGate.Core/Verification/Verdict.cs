namespace RepairGate.Core.Verification;

/// <summary>
/// The outcome for one property, in VNN-COMP's words about the UNSAFE set a VNNLIB file describes:
/// <see cref="Sat"/> = a counterexample exists (the property is violated); <see cref="Unsat"/> = proven safe.
/// </summary>
public enum Verdict
{
    /// <summary>The property holds: proven, no input in the box reaches the unsafe outputs.</summary>
    Unsat,

    /// <summary>The property is violated: a counterexample was found and confirmed by OnnxRuntime.</summary>
    Sat,

    /// <summary>Neither proven nor violated with the engines and budget used.</summary>
    Unknown,

    /// <summary>The time budget ran out first.</summary>
    Timeout,
}

public static class VerdictExtensions
{
    /// <summary>The lower-case word VNN-COMP result files use.</summary>
    public static string ToResultWord(this Verdict verdict) => verdict switch
    {
        Verdict.Unsat => "unsat",
        Verdict.Sat => "sat",
        Verdict.Timeout => "timeout",
        _ => "unknown",
    };
}
