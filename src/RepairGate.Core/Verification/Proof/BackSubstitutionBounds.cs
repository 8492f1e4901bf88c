using System.Numerics.Tensors;

namespace RepairGate.Core.Verification.Proof;

/// <summary>
/// Linear bounds by back-substitution (DeepPoly/CROWN with fixed slopes): each ReLU's pre-activation bounds are
/// found by expressing the neuron as a linear function of earlier layers' relaxations down to the input and
/// minimising over the box. Much tighter than forward symbolic intervals on deep networks such as ACAS Xu.
/// Neurons that interval arithmetic already shows stable skip the back-substitution.
/// </summary>
internal sealed class BackSubstitutionBounds
{
    private readonly PiecewiseLinearNetwork _network;
    private readonly double[] _lower;
    private readonly double[] _upper;

    // Per ReLU step: relaxation slopes and upper intercepts (lower intercepts are zero).
    private readonly double[]?[] _lowerSlope;
    private readonly double[]?[] _upperSlope;
    private readonly double[]?[] _upperIntercept;

    // Per ReLU step: the pre-activation bounds found; valid for every sub-box, so children start from them.
    private readonly double[]?[] _preLower;
    private readonly double[]?[] _preUpper;

    private BackSubstitutionBounds(PiecewiseLinearNetwork network, double[] lower, double[] upper)
    {
        _network = network;
        _lower = lower;
        _upper = upper;
        var count = network.Steps.Count;
        _lowerSlope = new double[]?[count];
        _upperSlope = new double[]?[count];
        _upperIntercept = new double[]?[count];
        _preLower = new double[]?[count];
        _preUpper = new double[]?[count];
    }

    /// <summary>ReLUs whose sign is not fixed on the box; zero means the bounds are exact.</summary>
    public int UnstableCount { get; private set; }

    public int Inputs => _lower.Length;

    /// <summary>
    /// Bounds on the box; <paramref name="parent"/> (bounds of an enclosing box) lets neurons it already decided skip
    /// the expensive back-substitution.
    /// </summary>
    public static BackSubstitutionBounds Compute(PiecewiseLinearNetwork network, double[] lower, double[] upper, BackSubstitutionBounds? parent = null)
    {
        var bounds = new BackSubstitutionBounds(network, lower, upper);
        bounds.Relax(parent);
        return bounds;
    }

    private void Relax(BackSubstitutionBounds? parent)
    {
        // Concrete bounds of the current layer's post-activation values, starting with the input box.
        var postLower = _lower;
        var postUpper = _upper;
        for (var s = 0; s < _network.Steps.Count; s++)
        {
            var step = _network.Steps[s];
            if (!step.Relu) break; // only a final affine step has no ReLU
            var (preLower, preUpper) = step.IntervalOf(postLower, postUpper, parent?._preLower[s], parent?._preUpper[s]);
            var unsure = new List<int>();
            for (var o = 0; o < step.Outputs; o++)
                if (preLower[o] < 0 && preUpper[o] > 0) unsure.Add(o);
            if (unsure.Count > 0 && s > 0)
            {
                // Tighten the neurons interval arithmetic cannot decide.
                var rows = new double[unsure.Count * step.Outputs];
                for (var r = 0; r < unsure.Count; r++) rows[r * step.Outputs + unsure[r]] = 1;
                var (low, high) = Concretise(rows, unsure.Count, s);
                for (var r = 0; r < unsure.Count; r++)
                {
                    preLower[unsure[r]] = Math.Max(preLower[unsure[r]], low[r]);
                    preUpper[unsure[r]] = Math.Min(preUpper[unsure[r]], high[r]);
                }
            }
            _preLower[s] = preLower;
            _preUpper[s] = preUpper;
            var lowerSlope = new double[step.Outputs];
            var upperSlope = new double[step.Outputs];
            var upperIntercept = new double[step.Outputs];
            postLower = new double[step.Outputs];
            postUpper = new double[step.Outputs];
            for (var o = 0; o < step.Outputs; o++)
            {
                double l = preLower[o], u = preUpper[o];
                if (u <= 0) continue; // inactive: all zero
                if (l >= 0)
                {
                    lowerSlope[o] = upperSlope[o] = 1;
                    postLower[o] = l;
                    postUpper[o] = u;
                    continue;
                }
                UnstableCount++;
                upperSlope[o] = u / (u - l);
                upperIntercept[o] = -upperSlope[o] * l;
                lowerSlope[o] = u >= -l ? 1 : 0; // the smaller-area lower line
                postUpper[o] = u;
            }
            _lowerSlope[s] = lowerSlope;
            _upperSlope[s] = upperSlope;
            _upperIntercept[s] = upperIntercept;
        }
    }

    /// <summary>A lower-bound function of c·y + e over the box (n input coefficients, then a constant).</summary>
    public double[] LowerBoundOf(ReadOnlySpan<double> coefficients, double constant)
    {
        var rows = coefficients.ToArray();
        double[] constants = [constant];
        var last = _network.Steps.Count - 1;
        if (_network.Steps[last].Relu) ApplyRelu(rows, constants, 1, rows.Length, last, lower: true);
        return BackSubstitute(rows, constants, 1, _network.Steps.Count, lower: true);
    }

    /// <summary>
    /// A lower-bound function of Σ_i w_i (c_i·y + e_i), w ≥ 0, with optimised slopes (alpha-CROWN) and weights: the
    /// lower relaxation line α·z of each unstable ReLU may have any slope α in [0, 1], and any non-negative weights
    /// give a valid bound, so both are improved by projected gradient ascent (Adam) on the bound's minimum over the
    /// box. With x* the minimising input pushed forward through the relaxation lines the backward pass chose, the
    /// gradient is a_j·ẑ_j for slope α_j (a_j the neuron's back-substituted coefficient, ẑ_j its pre-activation) and
    /// c_i·ŷ + e_i for weight w_i. Stops once the bound exceeds <paramref name="target"/>. Returns the best function
    /// found, with its slopes in <paramref name="slopes"/> (given: the starting slopes) and weights in <paramref name="weights"/>.
    /// </summary>
    public double[] OptimizedLowerBoundOf(IReadOnlyList<(double[] Coefficients, double Constant)> constraints, double[] weights, int iterations, double target, ref double[][]? slopes)
    {
        var last = _network.Steps.Count - 1;
        var outputs = _network.Steps[last].Outputs;
        var k = constraints.Count;
        var mu = (double[])weights.Clone();
        var (coefficients, constant) = Combine(constraints, mu, outputs);
        if (_network.Steps[last].Relu || UnstableCount == 0 || iterations <= 0) return LowerBoundOf(coefficients, constant);
        // Start from the given slopes (an enclosing box's optimum) where the neuron is still unstable.
        var alpha = new double[last][];
        for (var s = 0; s < last; s++)
        {
            alpha[s] = (double[])_lowerSlope[s]!.Clone();
            if (slopes is null) continue;
            for (var o = 0; o < alpha[s].Length; o++)
                if (IsUnstable(s, o)) alpha[s][o] = slopes[s][o];
        }
        var gradient = alpha.Select(a => new double[a.Length]).ToArray();
        var moment = alpha.Select(a => new double[a.Length]).ToArray();
        var variance = alpha.Select(a => new double[a.Length]).ToArray();
        var muGradient = new double[k];
        var muMoment = new double[k];
        var muVariance = new double[k];
        var recorded = new double[last][];
        double[]? best = null;
        double[][]? bestAlpha = null;
        var bestMu = mu;
        var bestValue = double.NegativeInfinity;
        for (var iteration = 0; ; iteration++)
        {
            var eq = BackSubstituteRow(coefficients, constant, alpha, recorded);
            var value = LinearBound.Min(eq, _lower, _upper);
            if (value > bestValue)
            {
                bestValue = value;
                best = eq;
                bestAlpha = alpha.Select(a => (double[])a.Clone()).ToArray();
                bestMu = (double[])mu.Clone();
            }
            if (iteration == iterations || bestValue > target) break;
            // Push the minimising corner forward through the relaxation lines the backward pass chose.
            var x = LinearBound.ArgMin(eq, _lower, _upper);
            var scale = 0.0;
            for (var s = 0; s < last; s++)
            {
                var layer = _network.Steps[s];
                var next = new double[layer.Outputs];
                for (var o = 0; o < layer.Outputs; o++)
                {
                    var z = layer.Bias[o] + TensorPrimitives.Dot(layer.Weights.AsSpan(o * layer.Inputs, layer.Inputs), x);
                    var a = recorded[s][o];
                    var g = 0.0;
                    if (a >= 0 && IsUnstable(s, o))
                    {
                        next[o] = alpha[s][o] * z;
                        g = a * z;
                    }
                    else if (a >= 0) next[o] = _lowerSlope[s]![o] * z;
                    else next[o] = _upperSlope[s]![o] * z + _upperIntercept[s]![o];
                    gradient[s][o] = g;
                    scale = Math.Max(scale, Math.Abs(g));
                }
                x = next;
            }
            var output = _network.Steps[last];
            for (var i = 0; i < k && k > 1; i++)
            {
                var g = constraints[i].Constant;
                for (var o = 0; o < outputs; o++)
                    g += constraints[i].Coefficients[o] * (output.Bias[o] + TensorPrimitives.Dot(output.Weights.AsSpan(o * output.Inputs, output.Inputs), x));
                muGradient[i] = g;
            }
            if (scale == 0 && k == 1) break;
            var lr = LearningRate * Math.Pow(0.95, iteration);
            for (var s = 0; s < last; s++) AdamAscent(alpha[s], gradient[s], moment[s], variance[s], iteration, lr);
            if (k > 1)
            {
                // Weights stay on the simplex: scaling them scales the bound, so only their ratios matter.
                AdamAscent(mu, muGradient, muMoment, muVariance, iteration, lr);
                var total = mu.Sum();
                if (total <= 0) mu = (double[])bestMu.Clone();
                else for (var i = 0; i < k; i++) mu[i] /= total;
                (coefficients, constant) = Combine(constraints, mu, outputs);
            }
        }
        slopes = bestAlpha;
        Array.Copy(bestMu, weights, k);
        return best!;
    }

    private static (double[] Coefficients, double Constant) Combine(IReadOnlyList<(double[] Coefficients, double Constant)> constraints, double[] weights, int outputs)
    {
        var coefficients = new double[outputs];
        var constant = 0.0;
        for (var i = 0; i < constraints.Count; i++)
        {
            if (weights[i] == 0) continue;
            TensorPrimitives.MultiplyAdd(constraints[i].Coefficients, weights[i], coefficients, coefficients);
            constant += weights[i] * constraints[i].Constant;
        }
        return (coefficients, constant);
    }

    /// <summary>One projected Adam ascent step on values kept in [0, 1].</summary>
    private static void AdamAscent(double[] values, double[] gradient, double[] moment, double[] variance, int iteration, double lr)
    {
        var c1 = 1 - Math.Pow(0.9, iteration + 1);
        var c2 = 1 - Math.Pow(0.999, iteration + 1);
        for (var j = 0; j < values.Length; j++)
        {
            var g = gradient[j];
            if (g == 0 && moment[j] == 0) continue;
            moment[j] = 0.9 * moment[j] + 0.1 * g;
            variance[j] = 0.999 * variance[j] + 0.001 * g * g;
            var v = Math.Sqrt(variance[j] / c2);
            if (v == 0) continue;
            values[j] = Math.Clamp(values[j] + lr * moment[j] / c1 / v, 0, 1);
        }
    }

    /// <summary>Adam's initial step on the slopes (alpha-CROWN uses 0.1 to 0.5).</summary>
    private const double LearningRate = 0.2;

    private bool IsUnstable(int step, int neuron) => _preLower[step]![neuron] < 0 && _preUpper[step]![neuron] > 0;

    /// <summary>Back-substitutes one output row with the given lower slopes, recording each ReLU layer's coefficients before relaxation.</summary>
    private double[] BackSubstituteRow(double[] coefficients, double constant, double[][] lowerSlope, double[][] recorded)
    {
        var rows = coefficients;
        double[] constants = [constant];
        for (var s = _network.Steps.Count - 1; s >= 0; s--)
        {
            rows = _network.Steps[s].BackThrough(rows, constants, 1);
            if (s == 0) break;
            recorded[s - 1] = (double[])rows.Clone();
            var slope = lowerSlope[s - 1];
            var upperSlope = _upperSlope[s - 1]!;
            var upperIntercept = _upperIntercept[s - 1]!;
            for (var j = 0; j < rows.Length; j++)
            {
                var a = rows[j];
                if (a == 0) continue;
                if (a >= 0) rows[j] = a * slope[j];
                else
                {
                    rows[j] = a * upperSlope[j];
                    constants[0] += a * upperIntercept[j];
                }
            }
        }
        return LinearBound.Pack(rows, constants, 1, Inputs);
    }

    /// <summary>Replaces each ReLU output of step <paramref name="stepIndex"/> by the relaxation line that keeps the bound valid.</summary>
    private void ApplyRelu(double[] rows, double[] constants, int count, int width, int stepIndex, bool lower)
    {
        var lowerSlope = _lowerSlope[stepIndex]!;
        var upperSlope = _upperSlope[stepIndex]!;
        var upperIntercept = _upperIntercept[stepIndex]!;
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * width, width);
            for (var j = 0; j < width; j++)
            {
                var a = row[j];
                if (a == 0) continue;
                if (a >= 0 == lower) row[j] = a * lowerSlope[j];
                else
                {
                    row[j] = a * upperSlope[j];
                    constants[r] += a * upperIntercept[j];
                }
            }
        }
    }

    /// <summary>Lower and upper bounds over the box of rows·(pre-activation of step <paramref name="stepIndex"/>).</summary>
    private (double[] Lower, double[] Upper) Concretise(double[] rows, int count, int stepIndex)
    {
        var lowerEq = BackSubstitute(rows, new double[count], count, stepIndex + 1, lower: true);
        var upperEq = BackSubstitute(rows, new double[count], count, stepIndex + 1, lower: false);
        return LinearBound.Range(lowerEq, upperEq, count, _lower, _upper);
    }

    /// <summary>
    /// Takes <paramref name="count"/> linear functions of the output of step <c>endStep - 1</c> (before its ReLU) and
    /// rewrites them, through every earlier step and relaxation, as functions of the input: a lower bound when
    /// <paramref name="lower"/>, else an upper bound. Returns count × (n + 1) coefficients.
    /// </summary>
    private double[] BackSubstitute(double[] rows, double[] constants, int count, int endStep, bool lower)
    {
        for (var s = endStep - 1; s >= 0; s--)
        {
            rows = _network.Steps[s].BackThrough(rows, constants, count);
            if (s == 0) break;
            ApplyRelu(rows, constants, count, _network.Steps[s].Inputs, s - 1, lower);
        }
        return LinearBound.Pack(rows, constants, count, Inputs);
    }
}
