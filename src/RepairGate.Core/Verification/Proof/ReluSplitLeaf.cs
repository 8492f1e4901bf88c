using Google.OrTools.LinearSolver;

namespace RepairGate.Core.Verification.Proof;

/// <summary>
/// The exact check of a branch on which no free ReLU is unstable: the network is affine there, so the unsafe
/// polytope is reachable iff the LP  min t  s.t. g_i(x) ≤ t, phase_k·p_k(x) ≥ 0 (split constraints), x in the box
/// has t ≤ 0. GLOP's dual multipliers (μ for the g rows, λ for the split rows) become the Lagrangian bound
/// min over the box of Σ μ_i g_i(x) - Σ λ_k phase_k p_k(x), which is re-checked here in float64: any μ, λ ≥ 0
/// give a valid lower bound, so LP round-off can weaken the certificate but never make a wrong proof.
/// Split rows carry a penalised slack so the LP is always feasible; an empty branch then shows as a large bound.
/// </summary>
internal static class ReluSplitLeaf
{
    private const double SlackPenalty = 1e4;

    /// <summary>Excluded with a re-checked certificate, or the LP's minimiser as a candidate.</summary>
    public readonly record struct Outcome(bool Excluded, double[]? Candidate);

    public static Outcome Check(ReluSplitBounds bounds, IReadOnlyList<double[]> g, double tolerance)
    {
        var lower = bounds.Lower;
        var upper = bounds.Upper;
        var n = lower.Length;
        var splits = bounds.Phases.Splits().Select(s => (Row: bounds.PreActivation(s.Step, s.Neuron, lower: true), (double)s.Phase)).ToList();

        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools GLOP is not available");
        var x = Enumerable.Range(0, n).Select(k => solver.MakeNumVar(lower[k], upper[k], $"x{k}")).ToArray();
        var t = solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "t");
        var objective = solver.Objective();
        objective.SetCoefficient(t, 1);
        objective.SetMinimization();
        var gRows = new Constraint[g.Count];
        for (var i = 0; i < g.Count; i++)
        {
            gRows[i] = solver.MakeConstraint(double.NegativeInfinity, -g[i][n]);
            for (var k = 0; k < n; k++) if (g[i][k] != 0) gRows[i].SetCoefficient(x[k], g[i][k]);
            gRows[i].SetCoefficient(t, -1);
        }
        var splitRows = new Constraint[splits.Count];
        for (var j = 0; j < splits.Count; j++)
        {
            var (row, phase) = splits[j];
            // phase·(c·x + d) + s ≥ 0, s ≥ 0 penalised in the objective.
            splitRows[j] = solver.MakeConstraint(-phase * row[n], double.PositiveInfinity);
            for (var k = 0; k < n; k++) if (row[k] != 0) splitRows[j].SetCoefficient(x[k], phase * row[k]);
            var slack = solver.MakeNumVar(0, double.PositiveInfinity, $"s{j}");
            splitRows[j].SetCoefficient(slack, 1);
            objective.SetCoefficient(slack, SlackPenalty);
        }
        var status = solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL) return new Outcome(false, LinearBound.ArgMin(g[0], lower, upper));

        var mu = gRows.Select(r => Math.Abs(r.DualValue())).ToArray();
        var total = mu.Sum();
        if (total > 0)
        {
            var combined = new double[n + 1];
            for (var i = 0; i < g.Count; i++)
            for (var k = 0; k <= n; k++)
                combined[k] += mu[i] / total * g[i][k];
            // Either sign convention of the split duals: whichever certifies more (both are valid when ≥ 0).
            foreach (var sign in new[] { 1.0, -1.0 })
            {
                var certificate = (double[])combined.Clone();
                for (var j = 0; j < splits.Count; j++)
                {
                    var lambda = Math.Max(0, sign * splitRows[j].DualValue()) / total;
                    if (lambda == 0) continue;
                    var (row, phase) = splits[j];
                    for (var k = 0; k <= n; k++) certificate[k] -= lambda * phase * row[k];
                }
                if (LinearBound.Min(certificate, lower, upper) > tolerance) return new Outcome(true, null);
            }
        }
        var candidate = x.Select((v, k) => Math.Clamp(v.SolutionValue(), lower[k], upper[k])).ToArray();
        return new Outcome(false, candidate);
    }
}
