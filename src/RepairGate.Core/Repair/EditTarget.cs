using RepairGate.Core.Specs;

namespace RepairGate.Core.Repair;

/// <summary>
/// The linear requirements an LP can impose for one edit point: per unsafe polytope, the one constraint that must fail by
/// the margin. Leaving a polytope is a disjunction (any of its constraints may fail); an LP picks the constraint that is
/// closest to failing already, so the choice is exact only for single-constraint polytopes.
/// </summary>
internal static class EditTarget
{
    /// <summary>The chosen constraint of each polytope at output <paramref name="y"/>, or null for a polytope with no constraints.</summary>
    public static LinearConstraint?[] Choose(RepairPoint point, ReadOnlySpan<double> y)
    {
        var chosen = new LinearConstraint?[point.UnsafeOutputs.Count];
        for (var p = 0; p < chosen.Length; p++)
        {
            LinearConstraint? best = null;
            var bestSlack = double.NegativeInfinity;
            foreach (var constraint in point.UnsafeOutputs[p].Constraints)
            {
                var slack = constraint.Slack(y);
                if (slack > bestSlack)
                {
                    bestSlack = slack;
                    best = constraint;
                }
            }
            chosen[p] = best;
        }
        return chosen;
    }

    /// <summary>True when the choice was forced: every polytope has exactly one constraint.</summary>
    public static bool IsExact(RepairPoint point) => point.UnsafeOutputs.All(p => p.Constraints.Count == 1);

    /// <summary>The smallest distance by which <paramref name="y"/> clears the point's unsafe polytopes (≤ 0: inside one).</summary>
    public static double Clearance(RepairPoint point, ReadOnlySpan<double> y)
    {
        var clearance = double.PositiveInfinity;
        foreach (var polytope in point.UnsafeOutputs) clearance = Math.Min(clearance, polytope.Violation(y));
        return clearance;
    }
}
