using RepairGate.Core.Model;
using RepairGate.Core.Specs;

namespace RepairGate.Core.Repair.Layerwise;

/// <summary>
/// The final word on a candidate repair, whatever a solver or optimiser claimed: each edit point is evaluated in
/// float64 and in float32 (as a float32 runtime would) and must lie strictly outside every unsafe polytope in both.
/// </summary>
public static class EditPointCheck
{
    /// <summary>The edit points the network still gets wrong, in input order.</summary>
    public static IReadOnlyList<RepairPoint> Failing(Network network, IEnumerable<RepairPoint> edits) =>
        edits.Where(point => !IsSafe(network, point)).ToList();

    public static bool IsSafe(Network network, RepairPoint point)
    {
        var y64 = network.Evaluate(point.Input);
        var y32 = network.Evaluate(Array.ConvertAll(point.Input, v => (float)v));
        return Clearance(y64, point.UnsafeOutputs) > 0
            && Clearance(Array.ConvertAll(y32, v => (double)v), point.UnsafeOutputs) > 0;
    }

    /// <summary>
    /// How far <paramref name="y"/> is outside the nearest unsafe polytope, in constraint units: the smallest
    /// <see cref="OutputPolytope.Violation"/>. Positive means safe; +∞ when there is nothing to avoid.
    /// </summary>
    public static double Clearance(ReadOnlySpan<double> y, IReadOnlyList<OutputPolytope> unsafeOutputs)
    {
        var clearance = double.PositiveInfinity;
        foreach (var polytope in unsafeOutputs)
        {
            var violation = polytope.Violation(y);
            if (double.IsNaN(violation)) return double.NaN;
            clearance = Math.Min(clearance, violation);
        }
        return clearance;
    }
}
