using RepairGate.Core.Metrics;
using RepairGate.Core.Model;
using RepairGate.Core.Repair;

namespace RepairGate.Core.Comparison;

/// <summary>One repair method's row of a comparison.</summary>
/// <param name="Method">Engine name, e.g. "last-layer".</param>
/// <param name="Status">The engine's status (Repaired, Infeasible, Failed, Timeout...).</param>
/// <param name="Detail">One readable sentence (why it failed, what it changed).</param>
/// <param name="Scores">Scores of the repaired model; null when the method produced none.</param>
/// <param name="Change">Weight change against the original; null when no model.</param>
/// <param name="Elapsed">Wall time of the method (engine calls plus re-checks).</param>
/// <param name="PeakMemoryBytes">Peak working set of the process while the method ran.</param>
/// <param name="Repaired">The repaired network, or null.</param>
public sealed record MethodResult(string Method, RepairStatus Status, string Detail, ClassifierScores? Scores, WeightChange? Change,
    TimeSpan Elapsed, long PeakMemoryBytes, Network? Repaired);

/// <summary>Every method on the same problem, with the original model's scores as the baseline.</summary>
/// <param name="Model">The model's name (file name).</param>
/// <param name="EditSet">The edit set spec.</param>
/// <param name="RepairItems">Edit items the methods saw.</param>
/// <param name="HeldOutItems">Held-out edit items (generalisation).</param>
/// <param name="TestRows">Test rows behind accuracy and drawdown.</param>
/// <param name="Original">Scores of the unrepaired model.</param>
/// <param name="Methods">One row per method, in the order asked (empty with test-only).</param>
public sealed record ComparisonResult(string Model, string EditSet, int RepairItems, int HeldOutItems, int TestRows,
    ClassifierScores Original, IReadOnlyList<MethodResult> Methods);
