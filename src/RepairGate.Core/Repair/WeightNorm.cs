namespace RepairGate.Core.Repair;

/// <summary>How the size of a weight change is measured (and minimised). Both are linear objectives for the LP/MILP solvers.</summary>
public enum WeightNorm
{
    /// <summary>The largest absolute change of any one weight or bias.</summary>
    LInf,

    /// <summary>The sum of absolute changes.</summary>
    L1,
}
