using RepairGate.Core.Specs;

namespace RepairGate.Core.Repair.Milp;

/// <summary>One edit point as a layer encoding sees it: the repaired layer's (fixed) input and the sets to avoid.</summary>
internal sealed record LayerPoint(double[] LayerInput, IReadOnlyList<OutputPolytope> UnsafeOutputs, string Origin);
