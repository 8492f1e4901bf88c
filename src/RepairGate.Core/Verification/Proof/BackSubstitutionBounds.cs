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
            var preLower = new double[step.Outputs];
            var preUpper = new double[step.Outputs];
            var unsure = new List<int>();
            for (var o = 0; o < step.Outputs; o++)
            {
                double l = step.Bias[o], u = step.Bias[o];
                var row = step.Weights.AsSpan(o * step.Inputs, step.Inputs);
                for (var i = 0; i < row.Length; i++)
                {
                    var w = row[i];
                    if (w >= 0) { l += w * postLower[i]; u += w * postUpper[i]; }
                    else { l += w * postUpper[i]; u += w * postLower[i]; }
                }
                if (parent?._preLower[s] is { } inheritedLower)
                {
                    l = Math.Max(l, inheritedLower[o]);
                    u = Math.Min(u, parent._preUpper[s]![o]);
                }
                preLower[o] = l;
                preUpper[o] = u;
                if (l < 0 && u > 0) unsure.Add(o);
            }
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
