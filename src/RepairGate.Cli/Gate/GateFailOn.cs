namespace RepairGate.Cli.Gate;

/// <summary>Which outcomes fail the build (MSBuild property RepairGateFailOn).</summary>
internal enum GateFailOn
{
    /// <summary>Violations (and failed repairs) are errors; unknown/timeout are warnings. The default.</summary>
    Violation,

    /// <summary>Anything not proven safe is an error: violations and unknown/timeout.</summary>
    Unknown,

    /// <summary>Report only: every finding is a warning and the build passes.</summary>
    Never,
}

internal static class GateFailOnExtensions
{
    public static GateSeverity ForViolation(this GateFailOn failOn) => failOn == GateFailOn.Never ? GateSeverity.Warning : GateSeverity.Error;

    public static GateSeverity ForNoVerdict(this GateFailOn failOn) => failOn == GateFailOn.Unknown ? GateSeverity.Error : GateSeverity.Warning;
}
