using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;
using RepairGate.Core.Repair.Layerwise;
using OutputPolytope = RepairGate.Core.Specs.OutputPolytope;
using SpecConstraint = RepairGate.Core.Specs.LinearConstraint;

namespace RepairGate.Core.Repair.Milp;

/// <summary>
/// The NNRepLayer mixed-integer program for one affine layer L: L's weight and bias changes are the free
/// variables; at each edit point L's input is fixed, so L's output is linear in them; every later ReLU whose sign
/// the bounds leave open gets a binary with big-M constraints; each unsafe polytope must be left by at least one of
/// its constraints by the margin (one binary per candidate constraint when there are several). Bounds come from
/// |Δ| ≤ B at L's output, propagated through the fixed layers by interval arithmetic. Solved with SCIP.
/// </summary>
internal sealed class LayerRepairMilp
{
    private readonly Solver _solver;
    private readonly LayerSplit _split;
    private readonly double _bound;
    private readonly double _margin;
    private readonly Variable?[] _weightChanges;
    private readonly Variable?[] _biasChanges;
    private int _binaries;

    private LayerRepairMilp(Solver solver, LayerSplit split, IReadOnlyList<LayerPoint> points, double bound, double margin)
    {
        _solver = solver;
        _split = split;
        _bound = bound;
        _margin = margin;
        var layer = split.Layer;
        int inputs = layer.InputSize, outputs = layer.OutputSize;
        _weightChanges = new Variable?[inputs * outputs];
        _biasChanges = new Variable?[outputs];
        // A weight whose input is zero at every point cannot matter; leaving it out keeps the model small.
        var used = new bool[inputs];
        foreach (var point in points)
            for (var i = 0; i < inputs; i++) used[i] |= point.LayerInput[i] != 0;
        for (var o = 0; o < outputs; o++)
        {
            if (split.WeightsFree)
                for (var i = 0; i < inputs; i++)
                    if (used[i]) _weightChanges[o * inputs + i] = solver.MakeNumVar(-bound, bound, $"dW_{o}_{i}");
            if (split.BiasFree) _biasChanges[o] = solver.MakeNumVar(-bound, bound, $"db_{o}");
        }
    }

    private IEnumerable<Variable> Changes => _weightChanges.Concat(_biasChanges).OfType<Variable>();

    /// <summary>
    /// Minimises the <paramref name="norm"/> of L's change so that every point clears its unsafe sets by
    /// <paramref name="margin"/>. <paramref name="bound"/> caps each change (null: no cap, only valid when no ReLU
    /// follows L and every polytope has a single constraint, so no big-M is needed).
    /// </summary>
    public static MilpSolution Solve(LayerSplit split, IReadOnlyList<LayerPoint> points, double? bound, WeightNorm norm,
        double margin, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("OR-Tools was built without SCIP");
        var model = new LayerRepairMilp(solver, split, points, bound ?? double.PositiveInfinity, margin);
        model.AddObjective(norm);
        foreach (var point in points)
        {
            if (!model.AddPoint(point))
                return new MilpSolution(MilpOutcome.Infeasible, null, null, double.NaN,
                    model.Statistics("excluded by bounds", clock.Elapsed, timeLimit), point.Origin);
        }
        return model.Run(timeLimit, clock, cancellationToken);
    }

    private void AddObjective(WeightNorm norm)
    {
        var objective = _solver.Objective();
        objective.SetMinimization();
        if (norm == WeightNorm.LInf)
        {
            var largest = _solver.MakeNumVar(0, _bound, "max_change");
            objective.SetCoefficient(largest, 1);
            foreach (var change in Changes)
            {
                Row(double.NegativeInfinity, 0, (change, 1), (largest, -1));
                Row(double.NegativeInfinity, 0, (change, -1), (largest, -1));
            }
            return;
        }
        foreach (var change in Changes)
        {
            var size = _solver.MakeNumVar(0, _bound, $"abs_{change.Name()}");
            objective.SetCoefficient(size, 1);
            Row(0, double.PositiveInfinity, (size, 1), (change, -1));
            Row(0, double.PositiveInfinity, (size, 1), (change, 1));
        }
    }

    /// <summary>Encodes one point; false when the bounds alone show that it cannot be made safe.</summary>
    private bool AddPoint(LayerPoint point)
    {
        var layer = _split.Layer;
        int inputs = layer.InputSize, outputs = layer.OutputSize;
        var a = point.LayerInput;
        var values = new Variable?[outputs];
        var ranges = new Interval[outputs];
        for (var o = 0; o < outputs; o++)
        {
            // z_o = (W_o + ΔW_o)·a + b_o + Δb_o, so |z_o - z0_o| ≤ B (Σ_i |a_i| + 1) over the free parameters.
            var z0 = layer.Bias[o];
            var reach = 0.0;
            for (var i = 0; i < inputs; i++)
            {
                z0 += layer.Weight(o, i) * a[i];
                if (_weightChanges[o * inputs + i] is not null) reach += Math.Abs(a[i]);
            }
            if (_biasChanges[o] is not null) reach += 1;
            var radius = reach == 0 ? 0 : _bound * reach;
            ranges[o] = new Interval(z0 - radius, z0 + radius).Widened();
            var z = _solver.MakeNumVar(ranges[o].Lower, ranges[o].Upper, "");
            var row = _solver.MakeConstraint(z0, z0);
            row.SetCoefficient(z, 1);
            for (var i = 0; i < inputs; i++)
                if (_weightChanges[o * inputs + i] is { } change) row.SetCoefficient(change, -a[i]);
            if (_biasChanges[o] is { } biasChange) row.SetCoefficient(biasChange, -1);
            values[o] = z;
        }
        foreach (var step in _split.Suffix) (values, ranges) = AddStep(step, values, ranges);
        foreach (var polytope in point.UnsafeOutputs)
            if (!AddAvoidance(polytope, values, ranges)) return false;
        return true;
    }

    /// <summary>One fixed dense step; a null value stands for a ReLU output known to be zero.</summary>
    private (Variable?[] Values, Interval[] Ranges) AddStep(Verification.Proof.DenseStep step, Variable?[] inputs, Interval[] inputRanges)
    {
        var values = new Variable?[step.Outputs];
        var ranges = new Interval[step.Outputs];
        for (var k = 0; k < step.Outputs; k++)
        {
            var weights = step.Weights.AsSpan(k * step.Inputs, step.Inputs);
            var pre = Interval.AffineRange(weights, inputRanges, step.Bias[k]);
            if (step.Relu && pre.Upper <= 0)
            {
                ranges[k] = new Interval(0, 0);
                continue;
            }
            var active = !step.Relu || pre.Lower >= 0;
            ranges[k] = active ? pre : pre.Relu();
            var h = _solver.MakeNumVar(ranges[k].Lower, ranges[k].Upper, "");
            values[k] = h;
            if (active)
            {
                // h = w·x + b
                AffineRow(step.Bias[k], step.Bias[k], h, weights, inputs);
                continue;
            }
            // h = max(pre, 0) with pre ∈ [l, u], l < 0 < u:  h ≥ pre,  h ≤ pre - l(1-δ),  h ≤ u δ.
            var on = _solver.MakeBoolVar("");
            _binaries++;
            AffineRow(step.Bias[k], double.PositiveInfinity, h, weights, inputs);
            AffineRow(double.NegativeInfinity, step.Bias[k] - pre.Lower, h, weights, inputs).SetCoefficient(on, -pre.Lower);
            Row(double.NegativeInfinity, 0, (h, 1), (on, -pre.Upper));
        }
        return (values, ranges);
    }

    /// <summary><c>low ≤ h - w·x ≤ high</c>.</summary>
    private Constraint AffineRow(double low, double high, Variable h, ReadOnlySpan<double> weights, Variable?[] inputs)
    {
        var row = _solver.MakeConstraint(low, high);
        row.SetCoefficient(h, 1);
        for (var j = 0; j < weights.Length; j++)
            if (weights[j] != 0 && inputs[j] is { } x) row.SetCoefficient(x, -weights[j]);
        return row;
    }

    /// <summary>At least one constraint c·y ≤ d of the polytope must fail by the margin: c·y ≥ d + margin.</summary>
    private bool AddAvoidance(OutputPolytope polytope, Variable?[] outputs, Interval[] ranges)
    {
        var candidates = new List<(SpecConstraint Constraint, Interval Range)>();
        foreach (var constraint in polytope.Constraints)
        {
            var range = Interval.AffineRange(constraint.Coefficients, ranges, 0);
            var target = constraint.Bound + _margin;
            if (range.Lower >= target) return true; // left for every allowed change
            if (range.Upper >= target) candidates.Add((constraint, range));
        }
        if (candidates.Count == 0) return false;
        if (candidates.Count == 1)
        {
            OutputRow(candidates[0].Constraint, outputs, null, 0);
            return true;
        }
        var choice = _solver.MakeConstraint(1, double.PositiveInfinity);
        foreach (var (constraint, range) in candidates)
        {
            if (double.IsInfinity(range.Lower))
                throw new InvalidOperationException("a polytope with several constraints needs bounded outputs (a weight-change bound)");
            var on = _solver.MakeBoolVar("");
            _binaries++;
            choice.SetCoefficient(on, 1);
            // c·y ≥ d + margin - M(1 - δ) with M = d + margin - min c·y.
            OutputRow(constraint, outputs, on, constraint.Bound + _margin - range.Lower);
        }
        return true;
    }

    private void OutputRow(SpecConstraint constraint, Variable?[] outputs, Variable? on, double bigM)
    {
        // Σ c_j y_j - M δ ≥ d + margin - M
        var row = _solver.MakeConstraint(constraint.Bound + _margin - bigM, double.PositiveInfinity);
        for (var j = 0; j < outputs.Length; j++)
            if (constraint.Coefficients[j] != 0 && outputs[j] is { } y) row.SetCoefficient(y, constraint.Coefficients[j]);
        if (on is not null) row.SetCoefficient(on, -bigM);
    }

    private void Row(double low, double high, params (Variable Variable, double Coefficient)[] terms)
    {
        var row = _solver.MakeConstraint(low, high);
        foreach (var (variable, coefficient) in terms) row.SetCoefficient(variable, coefficient);
    }

    private MilpSolution Run(TimeSpan timeLimit, Stopwatch clock, CancellationToken cancellationToken)
    {
        var remaining = timeLimit - clock.Elapsed;
        if (remaining <= TimeSpan.Zero)
            return new MilpSolution(MilpOutcome.TimedOut, null, null, double.NaN, Statistics("not started", clock.Elapsed, timeLimit));
        _solver.SetNumThreads(1);
        // SCIP's default root cut loop costs ten times the whole branch and bound on these big-M models (measured).
        _solver.SetSolverSpecificParametersAsString("separating/maxroundsroot = 3\n");
        _solver.SetTimeLimit(Math.Max(1, (long)remaining.TotalMilliseconds));
        Solver.ResultStatus status;
        using (cancellationToken.Register(() => _solver.InterruptSolve()))
            status = _solver.Solve();
        cancellationToken.ThrowIfCancellationRequested();
        var statistics = Statistics(status.ToString(), clock.Elapsed, timeLimit);
        switch (status)
        {
            case Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE:
                var (weights, bias) = Parameters();
                return new MilpSolution(MilpOutcome.Solved, weights, bias, _solver.Objective().Value(), statistics);
            case Solver.ResultStatus.INFEASIBLE:
                return new MilpSolution(MilpOutcome.Infeasible, null, null, double.NaN, statistics);
            case Solver.ResultStatus.NOT_SOLVED:
                return new MilpSolution(MilpOutcome.TimedOut, null, null, double.NaN, statistics);
            default:
                var outcome = clock.Elapsed >= timeLimit ? MilpOutcome.TimedOut : MilpOutcome.Failed;
                return new MilpSolution(outcome, null, null, double.NaN, statistics);
        }
    }

    private (double[] Weights, double[] Bias) Parameters()
    {
        var weights = _split.Layer.Weights.ToArray();
        var bias = _split.Layer.Bias.ToArray();
        for (var k = 0; k < weights.Length; k++)
            if (_weightChanges[k] is { } change) weights[k] += change.SolutionValue();
        for (var o = 0; o < bias.Length; o++)
            if (_biasChanges[o] is { } change) bias[o] += change.SolutionValue();
        return (weights, bias);
    }

    private Dictionary<string, string> Statistics(string status, TimeSpan elapsed, TimeSpan timeLimit)
    {
        var solved = status is "OPTIMAL" or "FEASIBLE";
        var statistics = new Dictionary<string, string>
        {
            ["solver"] = "SCIP",
            ["layer"] = Format(_split.Index),
            ["status"] = status,
            ["variables"] = Format(_solver.NumVariables()),
            ["constraints"] = Format(_solver.NumConstraints()),
            ["binaries"] = Format(_binaries),
            ["seconds"] = Format(Math.Round(elapsed.TotalSeconds, 3)),
            ["time_limit_seconds"] = Format(Math.Round(timeLimit.TotalSeconds, 3)),
            ["weight_bound"] = double.IsPositiveInfinity(_bound) ? "none" : Format(_bound),
        };
        if (solved)
        {
            statistics["objective"] = Format(_solver.Objective().Value());
            statistics["best_bound"] = Format(_solver.Objective().BestBound());
            statistics["nodes"] = Format(_solver.Nodes());
        }
        return statistics;
    }

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
