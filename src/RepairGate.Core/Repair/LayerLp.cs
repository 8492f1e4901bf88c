using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;
using RepairGate.Core.Model;

namespace RepairGate.Core.Repair;

/// <summary>
/// The linear program for changing one affine layer K (weights ΔW, bias Δb) at fixed downstream activation states:
/// minimise the norm of the change plus a fidelity penalty (the mean over preserve points of max_j |Δy_j|), subject to
/// every edit point clearing its chosen unsafe constraints by the margin and, when asked, keeping the state of every
/// ReLU after K at the edit points (so the linearisation stays exact there). Solved with GLOP.
/// </summary>
internal sealed class LayerLp
{
    private const double Tiny = 1e-12;

    public sealed record Settings(bool KeepPatterns, double FidelityWeight, int MaxPreservePoints);

    public sealed record Outcome(Solver.ResultStatus Status, AffineLayer? Layer, IReadOnlyDictionary<string, string> Statistics, IReadOnlyList<string> Conflicts);

    private readonly RepairProblem _problem;
    private readonly int _layerIndex;
    private readonly AffineLayer _layer;
    private readonly Settings _settings;
    private readonly IReadOnlyList<(RepairPoint Point, PointLinearization At)> _edits;
    private readonly IReadOnlyList<PointLinearization> _preserve;

    private readonly IReadOnlyList<(CertifiedBox Box, PointLinearization Centre)> _boxes;

    public LayerLp(RepairProblem problem, int layerIndex, Settings settings, CancellationToken cancellationToken, IReadOnlyList<CertifiedBox>? boxes = null)
    {
        _boxes = (boxes ?? []).Select(b => (b, PointLinearization.At(problem.Network, layerIndex, b.Centre))).ToArray();
        _problem = problem;
        _layerIndex = layerIndex;
        _layer = problem.Network.Layers[layerIndex] as AffineLayer
            ?? throw new ArgumentException($"layer {layerIndex} ({problem.Network.Layers[layerIndex].Kind}) is not an affine layer");
        _settings = settings;
        _edits = problem.Edits.Select(p =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return (p, PointLinearization.At(problem.Network, layerIndex, p.Input));
        }).ToArray();
        _preserve = problem.Preserve.Take(settings.MaxPreservePoints)
            .Select(x => PointLinearization.At(problem.Network, layerIndex, x)).ToArray();
    }

    /// <summary>Edit points with a polytope that has no constraints: every output is unsafe there, so no repair exists.</summary>
    public IReadOnlyList<string> HopelessEdits =>
        _edits.Where(e => e.Point.UnsafeOutputs.Any(p => p.Constraints.Count == 0)).Select(e => e.Point.Origin).ToArray();

    /// <summary>True when every edit requirement was forced (single-constraint polytopes): infeasible then means no repair exists.</summary>
    public bool ChoicesAreExact => _edits.All(e => EditTarget.IsExact(e.Point));

    public Outcome Solve()
    {
        var clock = Stopwatch.StartNew();
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools GLOP is not available");
        if (_problem.TimeLimit is { } limit) solver.SetTimeLimit((long)Math.Max(1, limit.TotalMilliseconds));
        // Measured on Fashion-MNIST edit sets: the dual simplex solves the decision-fidelity LPs two to three times faster.
        if (_problem.PreserveLabels is not null) solver.SetSolverSpecificParametersAsString("use_dual_simplex: true");
        var build = Build(solver, elastic: false);
        var status = solver.Solve();
        var statistics = Statistics(solver, status, clock.Elapsed);
        if (status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE)
            return new Outcome(status, Patched(build.Weights, build.Bias), statistics, []);
        if (status == Solver.ResultStatus.INFEASIBLE)
            return new Outcome(status, null, statistics, Conflicts());
        return new Outcome(status, null, statistics, []);
    }

    /// <summary>
    /// The edit points behind an infeasibility: the elastic LP (each edit row may be violated at a cost) has non-zero
    /// duals exactly on the rows that together block feasibility.
    /// </summary>
    private IReadOnlyList<string> Conflicts()
    {
        using var solver = Solver.CreateSolver("GLOP");
        if (solver is null) return [];
        var build = Build(solver, elastic: true);
        if (solver.Solve() != Solver.ResultStatus.OPTIMAL) return [];
        return build.EditRows
            .Where(r => Math.Abs(r.Row.DualValue()) > 1e-9)
            .Select(r => r.Origin).Distinct().ToArray();
    }

    private sealed record Built(Variable[] Weights, Variable[] Bias, List<(Constraint Row, string Origin)> EditRows);

    private Built Build(Solver solver, bool elastic)
    {
        int m = _layer.OutputSize, n = _layer.InputSize;
        var bound = _problem.MaxWeightChange ?? double.PositiveInfinity;
        var weights = new Variable[m * n];
        var bias = new Variable[m];
        // A weight whose input is zero at every point of the LP cannot act on any of them: it stays fixed (and out of the norm).
        var used = UsedInputs();
        for (var k = 0; k < weights.Length; k++) weights[k] = used[k % n] ? solver.MakeNumVar(-bound, bound, "") : solver.MakeNumVar(0, 0, "");
        for (var o = 0; o < m; o++) bias[o] = solver.MakeNumVar(-bound, bound, "");
        var objective = solver.Objective();
        objective.SetMinimization();
        if (!elastic) AddNorm(solver, objective, weights.Where((_, k) => used[k % n]).Concat(bias));

        var editRows = new List<(Constraint, string)>();
        foreach (var (point, at) in _edits)
        {
            var dz = LayerOutputChange(solver, weights, bias, at.LayerInput);
            foreach (var constraint in EditTarget.Choose(point, at.Output))
            {
                if (constraint is null) continue; // reported as hopeless by the engine
                // a·(y + J dz) ≥ d + margin
                var row = solver.MakeConstraint(_problem.Margin - constraint.Slack(at.Output), double.PositiveInfinity, "");
                SetCombination(row, dz, constraint.Coefficients, at.Jacobian);
                if (elastic)
                {
                    var slack = solver.MakeNumVar(0, double.PositiveInfinity, "");
                    row.SetCoefficient(slack, 1);
                    objective.SetCoefficient(slack, 1);
                }
                editRows.Add((row, point.Origin));
            }
            if (!_settings.KeepPatterns) continue;
            foreach (var unit in at.Frozen)
            {
                if (unit.Gradient.All(g => Math.Abs(g) < Tiny)) continue;
                // Active units stay ≥ 0, inactive ones ≤ 0: value + g·dz on the same side.
                var row = unit.Active
                    ? solver.MakeConstraint(-unit.Value, double.PositiveInfinity, "")
                    : solver.MakeConstraint(double.NegativeInfinity, -unit.Value, "");
                for (var k = 0; k < dz.Length; k++)
                    if (Math.Abs(unit.Gradient[k]) > Tiny) row.SetCoefficient(dz[k], unit.Gradient[k]);
                if (elastic) editRows.Add((row, point.Origin));
            }
        }
        for (var b = 0; b < _boxes.Count; b++) AddBox(solver, objective, weights, bias, _boxes[b], b, elastic, editRows);
        if (!elastic && _problem.PreserveLabels is not null) AddDecisionFidelity(solver, objective, weights, bias);
        else if (!elastic) AddFidelity(solver, objective, weights, bias);
        return new Built(weights, bias, editRows);
    }

    private bool[] UsedInputs()
    {
        var used = new bool[_layer.InputSize];
        foreach (var h in _edits.Select(e => e.At.LayerInput).Concat(_preserve.Select(p => p.LayerInput)))
            for (var i = 0; i < h.Length; i++) used[i] |= h[i] != 0;
        foreach (var (box, _) in _boxes)
            for (var i = 0; i < used.Length; i++) used[i] |= box.Lower[i] != 0 || box.Upper[i] != 0;
        return used;
    }

    /// <summary>
    /// For every h in the box's bounds: a·y' ≥ d + margin, with y' = J(W'h + b') + k linear in h. Its minimum over the
    /// bounds is Σ_i min(c_i l_i, c_i u_i) + ã·b' + a·k with ã = Jᵀa and c = W'ᵀã, written as s_i ≤ c_i l_i, s_i ≤ c_i u_i.
    /// </summary>
    private void AddBox(Solver solver, Objective objective, Variable[] weights, Variable[] bias, (CertifiedBox Box, PointLinearization Centre) entry,
        int index, bool elastic, List<(Constraint, string)> editRows)
    {
        var (box, centre) = entry;
        int m = _layer.OutputSize, n = _layer.InputSize;
        var probe = new RepairPoint(box.Centre, box.Region.UnsafeOutputs, box.Region.Origin);
        foreach (var constraint in EditTarget.Choose(probe, centre.Output))
        {
            if (constraint is null) continue;
            var a = constraint.Coefficients;
            var tilde = new double[m];
            for (var o = 0; o < m; o++)
            for (var j = 0; j < a.Length; j++) tilde[o] += a[j] * centre.Jacobian[j][o];
            // k = y - J z at the centre (constant for a linear suffix); a·k enters the right-hand side.
            var ak = 0.0;
            for (var j = 0; j < a.Length; j++)
            {
                var jz = 0.0;
                for (var o = 0; o < m; o++) jz += centre.Jacobian[j][o] * centre.LayerOutput[o];
                ak += a[j] * (centre.Output[j] - jz);
            }
            var rhs = constraint.Bound + _problem.Margin - ak;
            for (var o = 0; o < m; o++) rhs -= tilde[o] * _layer.Bias[o];
            var main = solver.MakeConstraint(rhs, double.PositiveInfinity, "");
            for (var o = 0; o < m; o++) if (tilde[o] != 0) main.SetCoefficient(bias[o], tilde[o]);
            for (var i = 0; i < n; i++)
            {
                if (box.Upper[i] <= 0 && box.Lower[i] >= 0) continue; // h_i = 0 on the whole box
                var c0 = 0.0;
                for (var o = 0; o < m; o++) c0 += tilde[o] * _layer.Weights[o * n + i];
                var s = solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "");
                main.SetCoefficient(s, 1);
                foreach (var h in new[] { box.Lower[i], box.Upper[i] })
                {
                    // s - h Σ_o ã_o ΔW_oi ≤ h c0
                    var row = solver.MakeConstraint(double.NegativeInfinity, h * c0, "");
                    row.SetCoefficient(s, 1);
                    if (h != 0)
                        for (var o = 0; o < m; o++) if (tilde[o] != 0) row.SetCoefficient(weights[o * n + i], -h * tilde[o]);
                }
            }
            if (elastic)
            {
                var slack = solver.MakeNumVar(0, double.PositiveInfinity, "");
                main.SetCoefficient(slack, 1);
                objective.SetCoefficient(slack, 1);
            }
            editRows.Add((main, $"{box.Region.Origin} sub-box {index}"));
        }
    }

    private void AddNorm(Solver solver, Objective objective, IEnumerable<Variable> changes)
    {
        Variable? shared = null;
        if (_problem.Norm == WeightNorm.LInf)
        {
            shared = solver.MakeNumVar(0, double.PositiveInfinity, "t");
            objective.SetCoefficient(shared, 1);
        }
        foreach (var v in changes)
        {
            var size = shared ?? solver.MakeNumVar(0, double.PositiveInfinity, "");
            if (shared is null) objective.SetCoefficient(size, 1);
            // size ≥ |v|
            var above = solver.MakeConstraint(0, double.PositiveInfinity, "");
            above.SetCoefficient(size, 1);
            above.SetCoefficient(v, -1);
            var below = solver.MakeConstraint(0, double.PositiveInfinity, "");
            below.SetCoefficient(size, 1);
            below.SetCoefficient(v, 1);
        }
    }

    private void AddFidelity(Solver solver, Objective objective, Variable[] weights, Variable[] bias)
    {
        if (_preserve.Count == 0 || _settings.FidelityWeight <= 0) return;
        var weight = _settings.FidelityWeight / _preserve.Count;
        foreach (var at in _preserve)
        {
            var dz = LayerOutputChange(solver, weights, bias, at.LayerInput);
            var drift = solver.MakeNumVar(0, double.PositiveInfinity, "");
            objective.SetCoefficient(drift, weight);
            for (var j = 0; j < at.Jacobian.Length; j++)
            {
                // -drift ≤ J_j·dz ≤ drift
                var upper = solver.MakeConstraint(double.NegativeInfinity, 0, "");
                var lower = solver.MakeConstraint(0, double.PositiveInfinity, "");
                for (var k = 0; k < dz.Length; k++)
                {
                    var g = at.Jacobian[j][k];
                    if (Math.Abs(g) < Tiny) continue;
                    upper.SetCoefficient(dz[k], g);
                    lower.SetCoefficient(dz[k], g);
                }
                upper.SetCoefficient(drift, -1);
                lower.SetCoefficient(drift, 1);
            }
        }
    }

    /// <summary>Decision fidelity: the gap a preserve point keeps to a rival (or less, if it had less).</summary>
    private const double DecisionGap = 0.5;

    /// <summary>Decision fidelity: the gap a preserve point that has the wrong class should reach.</summary>
    private const double WrongClassGap = 0.01;

    /// <summary>Decision fidelity: rivals per preserve point, the closest ones (the others are far enough not to overtake).</summary>
    private const int Rivals = 3;

    /// <summary>
    /// Decision fidelity for argmax classifiers: each preserve point p with wanted class c (its label) should keep c ahead
    /// of its closest rivals j by min(δ, its current gap g_j), i.e. (J_c - J_j)·dz ≥ min(δ, g_j) - g_j - s_p with one slack
    /// s_p ≥ 0 per point whose mean is penalised (a hinge: linear, so still an LP). Minimising the sum of lost gaps
    /// rather than output drift lets outputs move where the decision is safe, which is what accuracy drawdown measures.
    /// </summary>
    private void AddDecisionFidelity(Solver solver, Objective objective, Variable[] weights, Variable[] bias)
    {
        if (_preserve.Count == 0 || _settings.FidelityWeight <= 0) return;
        var weight = _settings.FidelityWeight / _preserve.Count;
        int m = _layer.OutputSize, n = _layer.InputSize;
        for (var p = 0; p < _preserve.Count; p++)
        {
            var at = _preserve[p];
            var y = at.Output;
            var top = _problem.PreserveLabels![p];
            if (top < 0 || top >= y.Length) continue;
            var rivals = Enumerable.Range(0, y.Length).Where(j => j != top)
                .OrderBy(j => y[top] - y[j]).Take(Rivals).ToArray();
            if (rivals.Length == 0) continue;
            var slack = solver.MakeNumVar(0, double.PositiveInfinity, "");
            objective.SetCoefficient(slack, weight);
            var directions = rivals.Select(j =>
            {
                var v = new double[m];
                for (var o = 0; o < m; o++) v[o] = at.Jacobian[top][o] - at.Jacobian[j][o];
                return v;
            }).ToArray();
            var inputsUsed = at.LayerInput.Count(h => h != 0);
            var direct = directions.Sum(v => v.Count(c => Math.Abs(c) > Tiny)) * (inputsUsed + 1);
            Variable[]? dz = direct > m * (inputsUsed + 1) + directions.Length * m ? LayerOutputChange(solver, weights, bias, at.LayerInput) : null;
            for (var r = 0; r < rivals.Length; r++)
            {
                var gap = y[top] - y[rivals[r]];
                var row = solver.MakeConstraint((gap > 0 ? Math.Min(DecisionGap, gap) : WrongClassGap) - gap, double.PositiveInfinity, "");
                row.SetCoefficient(slack, 1);
                var v = directions[r];
                for (var o = 0; o < m; o++)
                {
                    if (Math.Abs(v[o]) <= Tiny) continue;
                    if (dz is not null)
                    {
                        row.SetCoefficient(dz[o], v[o]);
                        continue;
                    }
                    row.SetCoefficient(bias[o], v[o]);
                    for (var i = 0; i < n; i++)
                        if (at.LayerInput[i] != 0) row.SetCoefficient(weights[o * n + i], v[o] * at.LayerInput[i]);
                }
            }
        }
    }

    /// <summary>Variables dz_o = Σ_i h_i ΔW[o,i] + Δb_o for one point (equality rows keep the LP sparse).</summary>
    private static Variable[] LayerOutputChange(Solver solver, Variable[] weights, Variable[] bias, double[] h)
    {
        int m = bias.Length, n = h.Length;
        var dz = new Variable[m];
        for (var o = 0; o < m; o++)
        {
            dz[o] = solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "");
            var row = solver.MakeConstraint(0, 0, "");
            row.SetCoefficient(dz[o], -1);
            row.SetCoefficient(bias[o], 1);
            for (var i = 0; i < n; i++)
                if (h[i] != 0) row.SetCoefficient(weights[o * n + i], h[i]);
        }
        return dz;
    }

    /// <summary>Sets the row to (aᵀJ)·dz.</summary>
    private static void SetCombination(Constraint row, Variable[] dz, double[] a, double[][] jacobian)
    {
        for (var k = 0; k < dz.Length; k++)
        {
            var c = 0.0;
            for (var j = 0; j < a.Length; j++)
                if (a[j] != 0) c += a[j] * jacobian[j][k];
            if (Math.Abs(c) > Tiny) row.SetCoefficient(dz[k], c);
        }
    }

    /// <summary>The new layer, with parameters rounded to float32 so that the in-memory network is exactly the saved model.</summary>
    private AffineLayer Patched(Variable[] weights, Variable[] bias)
    {
        var w = _layer.Weights.Select((v, k) => (double)(float)(v + weights[k].SolutionValue())).ToArray();
        var b = _layer.Bias.Select((v, o) => (double)(float)(v + bias[o].SolutionValue())).ToArray();
        return _layer.With(w, b);
    }

    private Dictionary<string, string> Statistics(Solver solver, Solver.ResultStatus status, TimeSpan elapsed) => new(StringComparer.Ordinal)
    {
        ["solver"] = "GLOP",
        ["layer"] = _layerIndex.ToString(CultureInfo.InvariantCulture),
        ["variables"] = solver.NumVariables().ToString(CultureInfo.InvariantCulture),
        ["constraints"] = solver.NumConstraints().ToString(CultureInfo.InvariantCulture),
        ["status"] = status.ToString(),
        ["iterations"] = solver.Iterations().ToString(CultureInfo.InvariantCulture),
        ["seconds"] = elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture),
        ["objective"] = status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE
            ? solver.Objective().Value().ToString("G6", CultureInfo.InvariantCulture) : "",
    };
}
