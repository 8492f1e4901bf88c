namespace RepairGate.Core.Verification.Proof;

/// <summary>
/// Linear bounds by back-substitution (CROWN with fixed slopes) on an input box under ReLU split decisions.
/// A split neuron's relaxation is exact: active → identity with its lower bound raised to 0, inactive → 0 with its
/// upper bound lowered to 0. The split constraints themselves enter only through those clipped bounds, so the bounds
/// hold on a superset of the branch (sound); the exact leaf check (<see cref="ReluSplitLeaf"/>) adds them as rows.
/// Kept apart from <see cref="BackSubstitutionBounds"/> (tuned for input splitting) on purpose.
/// </summary>
internal sealed class ReluSplitBounds
{
    private readonly PiecewiseLinearNetwork _network;
    private readonly ReluPhases _phases;
    private readonly double[]?[] _lowerSlope;
    private readonly double[]?[] _upperSlope;
    private readonly double[]?[] _upperIntercept;

    private ReluSplitBounds(PiecewiseLinearNetwork network, double[] lower, double[] upper, ReluPhases phases)
    {
        _network = network;
        Lower = lower;
        Upper = upper;
        _phases = phases;
        var count = network.Steps.Count;
        _lowerSlope = new double[]?[count];
        _upperSlope = new double[]?[count];
        _upperIntercept = new double[]?[count];
        PreLower = new double[]?[count];
        PreUpper = new double[]?[count];
    }

    public double[] Lower { get; }
    public double[] Upper { get; }
    public ReluPhases Phases => _phases;

    /// <summary>Per ReLU step, bounds of the pre-activations valid on the branch (after clipping by split phases).</summary>
    public double[]?[] PreLower { get; }
    public double[]?[] PreUpper { get; }

    /// <summary>Free neurons whose sign the bounds do not fix; zero means the network is affine on the branch.</summary>
    public int UnstableCount { get; private set; }

    /// <summary>True when some split contradicts the bounds by more than the tolerance: the branch is empty.</summary>
    public bool Infeasible { get; private set; }

    public static ReluSplitBounds Compute(PiecewiseLinearNetwork network, double[] lower, double[] upper, ReluPhases phases, ReluSplitBounds? parent, double tolerance)
    {
        var bounds = new ReluSplitBounds(network, lower, upper, phases);
        bounds.Relax(parent, tolerance);
        return bounds;
    }

    private void Relax(ReluSplitBounds? parent, double tolerance)
    {
        var postLower = Lower;
        var postUpper = Upper;
        for (var s = 0; s < _network.Steps.Count; s++)
        {
            var step = _network.Steps[s];
            if (!step.Relu) break;
            var (preLower, preUpper) = step.IntervalOf(postLower, postUpper, parent?.PreLower[s], parent?.PreUpper[s]);
            var unsure = new List<int>();
            for (var o = 0; o < step.Outputs; o++)
                if (preLower[o] < 0 && preUpper[o] > 0 && s > 0) unsure.Add(o);
            if (unsure.Count > 0)
            {
                var rows = new double[unsure.Count * step.Outputs];
                for (var r = 0; r < unsure.Count; r++) rows[r * step.Outputs + unsure[r]] = 1;
                var (low, high) = Concretise(rows, unsure.Count, s);
                for (var r = 0; r < unsure.Count; r++)
                {
                    preLower[unsure[r]] = Math.Max(preLower[unsure[r]], low[r]);
                    preUpper[unsure[r]] = Math.Min(preUpper[unsure[r]], high[r]);
                }
            }
            var lowerSlope = new double[step.Outputs];
            var upperSlope = new double[step.Outputs];
            var upperIntercept = new double[step.Outputs];
            postLower = new double[step.Outputs];
            postUpper = new double[step.Outputs];
            for (var o = 0; o < step.Outputs; o++)
            {
                var phase = _phases[s, o];
                if (phase > 0) preLower[o] = Math.Max(preLower[o], 0);
                if (phase < 0) preUpper[o] = Math.Min(preUpper[o], 0);
                double l = preLower[o], u = preUpper[o];
                if (l > u + tolerance) Infeasible = true;
                if (phase < 0 || u <= 0) continue; // output 0
                if (phase > 0 || l >= 0)
                {
                    lowerSlope[o] = upperSlope[o] = 1;
                    postLower[o] = Math.Max(l, 0);
                    postUpper[o] = Math.Max(u, 0);
                    continue;
                }
                UnstableCount++;
                upperSlope[o] = u / (u - l);
                upperIntercept[o] = -upperSlope[o] * l;
                lowerSlope[o] = u >= -l ? 1 : 0;
                postUpper[o] = u;
            }
            PreLower[s] = preLower;
            PreUpper[s] = preUpper;
            _lowerSlope[s] = lowerSlope;
            _upperSlope[s] = upperSlope;
            _upperIntercept[s] = upperIntercept;
            if (Infeasible) return;
        }
    }

    /// <summary>
    /// A lower-bound function of c·y + e on the branch (n input coefficients, then a constant). When
    /// <paramref name="scores"/> is given, adds to each unstable neuron how much its relaxation loosens this bound
    /// (BaBSR-style: the intercept the triangle's upper line contributes, plus a share for the lower line).
    /// </summary>
    public double[] LowerBoundOf(ReadOnlySpan<double> coefficients, double constant, double[]?[]? scores = null)
    {
        var rows = coefficients.ToArray();
        double[] constants = [constant];
        var last = _network.Steps.Count - 1;
        if (_network.Steps[last].Relu) ApplyRelu(rows, constants, 1, rows.Length, last, lower: true, scores);
        return BackSubstitute(rows, constants, 1, _network.Steps.Count, lower: true, scores);
    }

    /// <summary>The pre-activation of neuron <paramref name="neuron"/> of ReLU step <paramref name="step"/> as a function of the input; exact when no earlier neuron is unstable.</summary>
    public double[] PreActivation(int step, int neuron, bool lower)
    {
        var rows = new double[_network.Steps[step].Outputs];
        rows[neuron] = 1;
        return BackSubstitute(rows, [0.0], 1, step + 1, lower, null);
    }

    private void ApplyRelu(double[] rows, double[] constants, int count, int width, int stepIndex, bool lower, double[]?[]? scores)
    {
        var lowerSlope = _lowerSlope[stepIndex]!;
        var upperSlope = _upperSlope[stepIndex]!;
        var upperIntercept = _upperIntercept[stepIndex]!;
        var score = scores?[stepIndex];
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * width, width);
            for (var j = 0; j < width; j++)
            {
                var a = row[j];
                if (a == 0) continue;
                if (score is not null && upperIntercept[j] > 0)
                {
                    // Loosening by this neuron: -a × intercept when the upper line is used, else the gap of the lower line.
                    var u = PreUpper[stepIndex]![j];
                    var l = PreLower[stepIndex]![j];
                    score[j] += a < 0 ? -a * upperIntercept[j] : 0.25 * a * Math.Min(u, -l);
                }
                if (a >= 0 == lower) row[j] = a * lowerSlope[j];
                else
                {
                    row[j] = a * upperSlope[j];
                    constants[r] += a * upperIntercept[j];
                }
            }
        }
    }

    private (double[] Lower, double[] Upper) Concretise(double[] rows, int count, int stepIndex)
    {
        var lowerEq = BackSubstitute(rows, new double[count], count, stepIndex + 1, lower: true, null);
        var upperEq = BackSubstitute(rows, new double[count], count, stepIndex + 1, lower: false, null);
        return LinearBound.Range(lowerEq, upperEq, count, Lower, Upper);
    }

    /// <summary>Rewrites count linear functions of step <c>endStep - 1</c>'s pre-activation as functions of the input.</summary>
    private double[] BackSubstitute(double[] rows, double[] constants, int count, int endStep, bool lower, double[]?[]? scores)
    {
        for (var s = endStep - 1; s >= 0; s--)
        {
            rows = _network.Steps[s].BackThrough(rows, constants, count);
            if (s == 0) break;
            ApplyRelu(rows, constants, count, _network.Steps[s].Inputs, s - 1, lower, scores);
        }
        return LinearBound.Pack(rows, constants, count, Lower.Length);
    }
}
