using RepairGate.Core.Specs;

namespace RepairGate.Core.Repair;

/// <summary>
/// One input the repaired network must handle safely: its outputs must lie outside every polytope of
/// <see cref="UnsafeOutputs"/> (for each polytope, at least one of its constraints must fail by the problem's margin).
/// A classifier label k is the unsafe polytopes <c>Y_k - Y_j &lt;= 0</c>, one per other class j.
/// </summary>
/// <param name="Input">The network input (model units, not normalised).</param>
/// <param name="UnsafeOutputs">The output sets the network must avoid at this input.</param>
/// <param name="Origin">Where the point came from, for reports: e.g. "prop_8.vnnlib counterexample 3" or "edit set row 12".</param>
public sealed record RepairPoint(double[] Input, IReadOnlyList<OutputPolytope> UnsafeOutputs, string Origin);
