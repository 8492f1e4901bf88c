using RepairGate.Core.Specs;

namespace RepairGate.Core.Repair;

/// <summary>A whole input box whose outputs must avoid the unsafe polytopes: one case of a violated property.</summary>
/// <param name="Box">The input box.</param>
/// <param name="UnsafeOutputs">The polytopes to avoid everywhere in the box.</param>
/// <param name="Origin">E.g. "prop_8 case 0".</param>
public sealed record RepairRegion(InputBox Box, IReadOnlyList<OutputPolytope> UnsafeOutputs, string Origin);

/// <summary>
/// An engine that can also make whole regions safe (not just points), so its result holds on every input of the
/// region by construction. The loop uses this when an engine offers it; other engines see only points.
/// </summary>
public interface IRegionRepairEngine : IRepairEngine
{
    Task<RepairAttempt> RepairAsync(RepairProblem problem, IReadOnlyList<RepairRegion> regions, CancellationToken cancellationToken);
}
