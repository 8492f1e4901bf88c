namespace RepairGate.Core.Verification.Proof;

/// <summary>
/// Forward symbolic interval propagation (in the style of ReluVal/Neurify): every neuron carries a lower and an
/// upper affine function of the input that bound it over the box. Affine layers combine them exactly; an unstable
/// ReLU (its bounds straddle zero) is replaced by linear relaxations: the chord above, a parallel line below.
/// When no ReLU is unstable the two functions coincide with the network, so the bounds are exact.
/// </summary>
internal sealed class SymbolicBounds
{
    private SymbolicBounds(int inputs, double[] lower, double[] upper, int unstable)
    {
        Inputs = inputs;
        LowerEquations = lower;
        UpperEquations = upper;
        UnstableCount = unstable;
    }

    public int Inputs { get; }

    /// <summary>Per output, n coefficients and a constant: output ≥ this function on the box.</summary>
    public double[] LowerEquations { get; }

    /// <summary>Per output: output ≤ this function on the box.</summary>
    public double[] UpperEquations { get; }

    /// <summary>ReLUs whose sign is not fixed on the box; zero means the bounds are exact.</summary>
    public int UnstableCount { get; }

    public static SymbolicBounds Propagate(PiecewiseLinearNetwork network, double[] lower, double[] upper)
    {
        var n = lower.Length;
        var width = n + 1;
        // Input layer: x_k is bounded above and below by itself.
        var lo = new double[n * width];
        for (var k = 0; k < n; k++) lo[k * width + k] = 1;
        var up = (double[])lo.Clone();
        var unstable = 0;

        foreach (var step in network.Steps)
        {
            var nextLo = new double[step.Outputs * width];
            var nextUp = new double[step.Outputs * width];
            for (var o = 0; o < step.Outputs; o++)
            {
                var l = nextLo.AsSpan(o * width, width);
                var u = nextUp.AsSpan(o * width, width);
                l[n] = u[n] = step.Bias[o];
                var row = step.Weights.AsSpan(o * step.Inputs, step.Inputs);
                for (var j = 0; j < step.Inputs; j++)
                {
                    var w = row[j];
                    if (w == 0) continue;
                    var (forLower, forUpper) = w > 0 ? (lo, up) : (up, lo);
                    var a = forLower.AsSpan(j * width, width);
                    var b = forUpper.AsSpan(j * width, width);
                    for (var k = 0; k < width; k++)
                    {
                        l[k] += w * a[k];
                        u[k] += w * b[k];
                    }
                }
                if (step.Relu && Relax(l, u, lower, upper)) unstable++;
            }
            lo = nextLo;
            up = nextUp;
        }
        return new SymbolicBounds(n, lo, up, unstable);
    }

    /// <summary>Applies ReLU to one neuron's bounds in place; returns true when the neuron is unstable.</summary>
    private static bool Relax(Span<double> l, Span<double> u, double[] lower, double[] upper)
    {
        var upperMax = LinearBound.Max(u, lower, upper);
        if (upperMax <= 0)
        {
            l.Clear();
            u.Clear();
            return false;
        }
        var lowerMin = LinearBound.Min(l, lower, upper);
        if (lowerMin >= 0) return false;

        // Upper: relu(z) ≤ relu(U) ≤ chord of relu over U's range [upperMin, upperMax].
        var upperMin = LinearBound.Min(u, lower, upper);
        if (upperMin < 0)
        {
            var slope = upperMax / (upperMax - upperMin);
            for (var k = 0; k < u.Length; k++) u[k] *= slope;
            u[^1] -= slope * upperMin;
        }
        // Lower: relu(z) ≥ λ·L for any λ in [0, 1]; take the slope of L's own chord.
        var lowerMax = LinearBound.Max(l, lower, upper);
        var lambda = lowerMax <= 0 ? 0 : lowerMax / (lowerMax - lowerMin);
        for (var k = 0; k < l.Length; k++) l[k] *= lambda;
        return true;
    }

    /// <summary>A lower-bound function of c·y + e over the box, from the output bounds.</summary>
    public double[] LowerBoundOf(ReadOnlySpan<double> coefficients, double constant)
    {
        var width = Inputs + 1;
        var result = new double[width];
        result[Inputs] = constant;
        for (var j = 0; j < coefficients.Length; j++)
        {
            var c = coefficients[j];
            if (c == 0) continue;
            var source = (c > 0 ? LowerEquations : UpperEquations).AsSpan(j * width, width);
            for (var k = 0; k < width; k++) result[k] += c * source[k];
        }
        return result;
    }
}
