namespace RepairGate.Core.Repair.Milp;

/// <summary>How one layer MILP ended.</summary>
internal enum MilpOutcome
{
    /// <summary>A solution was found (optimal, or the best one when the time limit ran out).</summary>
    Solved,

    /// <summary>The solver proved the model infeasible (or the bounds alone exclude a point).</summary>
    Infeasible,

    TimedOut,

    /// <summary>The solver gave up for another reason (numerical trouble).</summary>
    Failed,
}

/// <summary>The result of <see cref="LayerRepairMilp.Solve"/>: new parameters when solved, and statistics.</summary>
internal sealed record MilpSolution(
    MilpOutcome Outcome,
    double[]? Weights,
    double[]? Bias,
    double Objective,
    IReadOnlyDictionary<string, string> Statistics,
    string? ExcludedByBounds = null);
