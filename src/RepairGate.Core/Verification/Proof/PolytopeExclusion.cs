using Google.OrTools.LinearSolver;

namespace RepairGate.Core.Verification.Proof;

/// <summary>
/// Decides, from lower-bound functions g_i(x) ≤ (a_i·y - d_i) valid on a box, whether the unsafe polytope
/// {y : a_i·y ≤ d_i for all i} is unreachable from the box: true when for every x some g_i(x) > 0.
/// One constraint: its minimum over the box. Several: the LP min_x max_i g_i(x), whose dual multipliers μ give
/// a certificate min_x Σ μ_i g_i(x) > 0 that is re-checked exactly here, so LP round-off cannot make a wrong proof.
/// </summary>
internal static class PolytopeExclusion
{
    /// <summary>Outcome: excluded (proven for this polytope), or the point where the unsafe set is closest, with the LP's
    /// normalised multipliers of the constraints when an LP ran.</summary>
    public readonly record struct Outcome(bool Excluded, double Bound, double[]? Candidate, double[] SplitGuide, double[]? Multipliers = null);

    public static Outcome Check(IReadOnlyList<double[]> lowerBounds, double[] lower, double[] upper, double tolerance, ref int lpCalls)
    {
        var best = 0;
        var bestValue = double.NegativeInfinity;
        for (var i = 0; i < lowerBounds.Count; i++)
        {
            var value = LinearBound.Min(lowerBounds[i], lower, upper);
            if (value > bestValue)
            {
                bestValue = value;
                best = i;
            }
        }
        if (bestValue > tolerance) return new Outcome(true, bestValue, null, lowerBounds[best]);
        if (lowerBounds.Count == 1) return new Outcome(false, bestValue, LinearBound.ArgMin(lowerBounds[0], lower, upper), lowerBounds[0]);

        lpCalls++;
        return SolveJointly(lowerBounds, lower, upper, tolerance) ?? new Outcome(false, bestValue, LinearBound.ArgMin(lowerBounds[best], lower, upper), lowerBounds[best]);
    }

    private static Outcome? SolveJointly(IReadOnlyList<double[]> g, double[] lower, double[] upper, double tolerance)
    {
        var n = lower.Length;
        using var solver = Solver.CreateSolver("GLOP");
        if (solver is null) return null;
        var x = Enumerable.Range(0, n).Select(k => solver.MakeNumVar(lower[k], upper[k], $"x{k}")).ToArray();
        var t = solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "t");
        var rows = new Constraint[g.Count];
        for (var i = 0; i < g.Count; i++)
        {
            // g_i(x) ≤ t  ⇔  Σ c_k x_k - t ≤ -e_i
            rows[i] = solver.MakeConstraint(double.NegativeInfinity, -g[i][n]);
            for (var k = 0; k < n; k++) rows[i].SetCoefficient(x[k], g[i][k]);
            rows[i].SetCoefficient(t, -1);
        }
        solver.Objective().SetCoefficient(t, 1);
        solver.Objective().SetMinimization();
        if (solver.Solve() != Solver.ResultStatus.OPTIMAL) return null;

        // Certificate from the duals: any μ ≥ 0 with Σμ = 1 gives max_i g_i ≥ Σ μ_i g_i everywhere.
        var mu = rows.Select(r => Math.Abs(r.DualValue())).ToArray();
        var total = mu.Sum();
        var combined = new double[n + 1];
        if (total > 0)
        {
            for (var i = 0; i < g.Count; i++)
            for (var k = 0; k <= n; k++)
                combined[k] += mu[i] / total * g[i][k];
            var certified = LinearBound.Min(combined, lower, upper);
            if (certified > tolerance) return new Outcome(true, certified, null, combined);
        }
        var candidate = x.Select(v => v.SolutionValue()).ToArray();
        for (var k = 0; k < n; k++) candidate[k] = Math.Clamp(candidate[k], lower[k], upper[k]);
        var weights = total > 0 ? mu.Select(m => m / total).ToArray() : null;
        return new Outcome(false, t.SolutionValue(), candidate, total > 0 ? combined : g[0], weights);
    }
}
