namespace RepairGate.Core.Repair;

/// <summary>How one engine call ended.</summary>
public enum RepairStatus
{
    /// <summary>A new network satisfies every edit point (checked by evaluating it, not just trusted from the solver).</summary>
    Repaired,

    /// <summary>The solver proved that no change of the allowed layers (within the bounds) satisfies the edits.</summary>
    Infeasible,

    /// <summary>The engine could not find a repair but did not prove there is none (solver failure, pattern broken, ...).</summary>
    Failed,

    /// <summary>The time limit ran out.</summary>
    TimedOut,
}
