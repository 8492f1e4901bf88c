using Google.OrTools.LinearSolver;
using OutputPolytope = RepairGate.Core.Specs.OutputPolytope;

namespace RepairGate.Core.Repair.Gradient;

/// <summary>
/// The target for one repaired layer's output at one point: the nearest safe output, reached through the frozen
/// ReLU pattern. For each unsafe polytope the constraint that is cheapest to break (deficit over gradient size;
/// the one already broken, if any) must end up broken by the margin; the smallest Δz (∞-norm) that does so by the
/// linearisation is found with GLOP. Neurons the output does not depend on stay unchanged.
/// </summary>
internal static class OutputTarget
{
    /// <summary>Δz for the point, or null when the frozen pattern offers no way out of some polytope.</summary>
    public static double[]? Find(SuffixLinearisation suffix, IReadOnlyList<OutputPolytope> unsafeOutputs, double margin, int width)
    {
        var y = suffix.Output;
        var rows = new List<(double[] Gradient, double Deficit)>();
        foreach (var polytope in unsafeOutputs)
        {
            (double[] Gradient, double Deficit)? best = null;
            var bestCost = double.PositiveInfinity;
            foreach (var constraint in polytope.Constraints)
            {
                var deficit = margin - constraint.Slack(y); // d + m - c·y
                var gradient = suffix.Gradient(constraint.Coefficients);
                var reach = gradient.Sum(Math.Abs);
                var cost = deficit <= 0 ? deficit : reach > 1e-12 ? deficit / reach : double.PositiveInfinity;
                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = (gradient, deficit);
                }
            }
            if (best is null) return null;
            rows.Add(best.Value);
        }
        if (rows.All(r => r.Deficit <= 0)) return new double[width];
        return Solve(rows, width);
    }

    private static double[]? Solve(List<(double[] Gradient, double Deficit)> rows, int width)
    {
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools was built without GLOP");
        var used = new bool[width];
        foreach (var (gradient, _) in rows)
            for (var j = 0; j < width; j++) used[j] |= gradient[j] != 0;
        var change = Enumerable.Range(0, width).Select(j => used[j] ? solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "") : null).ToArray();
        // min max|Δz_j|, with a small Σ|Δz_j| so that neurons that help little are left alone.
        var size = solver.MakeNumVar(0, double.PositiveInfinity, "size");
        solver.Objective().SetCoefficient(size, 1);
        foreach (var v in change.OfType<Variable>())
        {
            var magnitude = solver.MakeNumVar(0, double.PositiveInfinity, "");
            solver.Objective().SetCoefficient(magnitude, 1e-3 / width);
            Row(solver, 0, double.PositiveInfinity, (magnitude, 1), (v, -1));
            Row(solver, 0, double.PositiveInfinity, (magnitude, 1), (v, 1));
            Row(solver, 0, double.PositiveInfinity, (size, 1), (magnitude, -1));
        }
        foreach (var (gradient, deficit) in rows)
        {
            // c·(y + J Δz) ≥ d + m  ⇔  (J^T c)·Δz ≥ deficit
            var row = solver.MakeConstraint(deficit, double.PositiveInfinity);
            for (var j = 0; j < width; j++)
                if (change[j] is { } v) row.SetCoefficient(v, gradient[j]);
        }
        solver.Objective().SetMinimization();
        if (solver.Solve() != Solver.ResultStatus.OPTIMAL) return null;
        return change.Select(v => v?.SolutionValue() ?? 0).ToArray();
    }

    internal static void Row(Solver solver, double low, double high, params (Variable Variable, double Coefficient)[] terms)
    {
        var row = solver.MakeConstraint(low, high);
        foreach (var (variable, coefficient) in terms) row.SetCoefficient(variable, coefficient);
    }
}
