using RepairGate.Core.Model;

namespace RepairGate.Core.Repair;

/// <summary>The result of one engine call.</summary>
/// <param name="Engine">The engine's name, e.g. "last-layer".</param>
/// <param name="Status">How the call ended.</param>
/// <param name="Repaired">The repaired network when <see cref="Status"/> is <see cref="RepairStatus.Repaired"/>.</param>
/// <param name="Detail">One readable sentence for reports and logs.</param>
/// <param name="Elapsed">Wall-clock time of the call.</param>
/// <param name="Solver">Solver statistics (name, variables, constraints, status, time); empty when no solver ran.</param>
/// <param name="Conflicts">For <see cref="RepairStatus.Infeasible"/>: the edit points (by <see cref="RepairPoint.Origin"/>) or
/// constraints that cannot be satisfied together, as far as the engine can tell.</param>
public sealed record RepairAttempt(
    string Engine,
    RepairStatus Status,
    Network? Repaired,
    string Detail,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, string> Solver,
    IReadOnlyList<string> Conflicts);
