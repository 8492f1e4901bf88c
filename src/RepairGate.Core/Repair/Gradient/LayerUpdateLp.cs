using Google.OrTools.LinearSolver;
using RepairGate.Core.Model;
using static RepairGate.Core.Repair.Gradient.OutputTarget;

namespace RepairGate.Core.Repair.Gradient;

/// <summary>A wish for the layer's output at one point: reach <see cref="Target"/> from input <see cref="Input"/>.</summary>
/// <param name="Input">The layer's input at the point.</param>
/// <param name="Target">The wanted layer output z + Δz.</param>
/// <param name="Weight">Cost per unit of missing the target (edit points high, preserve points low).</param>
internal sealed record LayerTarget(double[] Input, double[] Target, double Weight);

/// <summary>
/// The per-layer LP of gradient-guided repair: min ‖W + ΔW - W₀‖ (total change from the original layer, in the
/// problem's norm) + Σ weight·|miss| s.t. (W + ΔW) a_p + (b + Δb) = target_p + miss_p. Misses are allowed, at a
/// price, so that conflicting wishes still give the best compromise instead of no answer. Solved with GLOP.
/// </summary>
internal static class LayerUpdateLp
{
    /// <summary>New (weights, bias), or null when GLOP fails.</summary>
    public static (double[] Weights, double[] Bias)? Solve(AffineLayer current, AffineLayer original, IReadOnlyList<LayerTarget> targets,
        WeightNorm norm, double? maxChange, bool weightsFree, bool biasFree)
    {
        int inputs = current.InputSize, outputs = current.OutputSize;
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools was built without GLOP");
        var objective = solver.Objective();
        var used = new bool[inputs];
        foreach (var target in targets)
            for (var i = 0; i < inputs; i++) used[i] |= target.Input[i] != 0;

        // Parameters are the new values; the change from the original is what the norm measures.
        var largest = norm == WeightNorm.LInf ? solver.MakeNumVar(0, double.PositiveInfinity, "max_change") : null;
        if (largest is not null) objective.SetCoefficient(largest, 1);
        Variable? Parameter(double value, double originalValue, bool free)
        {
            if (!free) return null;
            var low = maxChange is { } b ? originalValue - b : double.NegativeInfinity;
            var high = maxChange is { } c ? originalValue + c : double.PositiveInfinity;
            var p = solver.MakeNumVar(Math.Min(low, value), Math.Max(high, value), "");
            var size = largest ?? solver.MakeNumVar(0, double.PositiveInfinity, "");
            if (largest is null) objective.SetCoefficient(size, 1);
            Row(solver, -originalValue, double.PositiveInfinity, (size, 1), (p, -1)); // size ≥ p - p₀
            Row(solver, originalValue, double.PositiveInfinity, (size, 1), (p, 1));   // size ≥ p₀ - p
            return p;
        }
        var weights = new Variable?[inputs * outputs];
        var bias = new Variable?[outputs];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
                if (used[i]) weights[o * inputs + i] = Parameter(current.Weights[o * inputs + i], original.Weights[o * inputs + i], weightsFree);
            bias[o] = Parameter(current.Bias[o], original.Bias[o], biasFree);
        }

        foreach (var target in targets)
        {
            for (var o = 0; o < outputs; o++)
            {
                // |Σ_i W_oi a_i + b_o - target_o| ≤ miss, fixed parameters moved to the constant side.
                var constant = 0.0;
                var terms = new List<(Variable, double)>();
                for (var i = 0; i < inputs; i++)
                {
                    var a = target.Input[i];
                    if (a == 0) continue;
                    if (weights[o * inputs + i] is { } w) terms.Add((w, a));
                    else constant += current.Weights[o * inputs + i] * a;
                }
                if (bias[o] is { } bo) terms.Add((bo, 1));
                else constant += current.Bias[o];
                var miss = solver.MakeNumVar(0, double.PositiveInfinity, "");
                objective.SetCoefficient(miss, target.Weight);
                Row(solver, target.Target[o] - constant, double.PositiveInfinity, [.. terms, (miss, 1)]);
                Row(solver, double.NegativeInfinity, target.Target[o] - constant, [.. terms, (miss, -1)]);
            }
        }
        objective.SetMinimization();
        var status = solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL) return null;
        var newWeights = current.Weights.ToArray();
        var newBias = current.Bias.ToArray();
        for (var k = 0; k < newWeights.Length; k++)
            if (weights[k] is { } w) newWeights[k] = w.SolutionValue();
        for (var o = 0; o < outputs; o++)
            if (bias[o] is { } b) newBias[o] = b.SolutionValue();
        return (newWeights, newBias);
    }
}
