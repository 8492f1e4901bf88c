using System.Numerics.Tensors;
using RepairGate.Core.Model;

namespace RepairGate.Core.Verification.Proof;

/// <summary>One dense affine map y = W x + b (W row-major [out, in]), optionally followed by a ReLU.</summary>
public sealed record DenseStep(double[] Weights, double[] Bias, int Inputs, int Outputs, bool Relu)
{
    /// <summary>
    /// Pulls <paramref name="count"/> linear functions of this step's output (rows of width <see cref="Outputs"/>)
    /// back through the affine map: rows·(W x + b) = (rows W) x + rows·b. Returns the rows over the step's input and
    /// adds rows·b to <paramref name="constants"/>.
    /// </summary>
    public double[] BackThrough(double[] rows, double[] constants, int count)
    {
        var next = new double[count * Inputs];
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * Outputs, Outputs);
            var target = next.AsSpan(r * Inputs, Inputs);
            var constant = constants[r];
            for (var o = 0; o < Outputs; o++)
            {
                var a = row[o];
                if (a == 0) continue;
                constant += a * Bias[o];
                TensorPrimitives.MultiplyAdd(Weights.AsSpan(o * Inputs, Inputs), a, target, target);
            }
            constants[r] = constant;
        }
        return next;
    }

    /// <summary>
    /// Interval bounds of this step's pre-activation W x + b for x in [<paramref name="lower"/>, <paramref name="upper"/>],
    /// intersected with a parent box's bounds when given (a sub-box's bounds can only be tighter).
    /// </summary>
    public (double[] Lower, double[] Upper) IntervalOf(double[] lower, double[] upper, double[]? inheritedLower, double[]? inheritedUpper)
    {
        var preLower = new double[Outputs];
        var preUpper = new double[Outputs];
        for (var o = 0; o < Outputs; o++)
        {
            double l = Bias[o], u = Bias[o];
            var row = Weights.AsSpan(o * Inputs, Inputs);
            for (var i = 0; i < row.Length; i++)
            {
                var w = row[i];
                if (w >= 0) { l += w * lower[i]; u += w * upper[i]; }
                else { l += w * upper[i]; u += w * lower[i]; }
            }
            if (inheritedLower is not null && inheritedUpper is not null)
            {
                l = Math.Max(l, inheritedLower[o]);
                u = Math.Min(u, inheritedUpper[o]);
            }
            preLower[o] = l;
            preUpper[o] = u;
        }
        return (preLower, preUpper);
    }
}

/// <summary>
/// The network as the provers see it: dense affine maps with ReLUs between them. Elementwise affine layers,
/// convolutions and average pooling are affine and are folded into their neighbours, so bounds are computed on as
/// few affine maps as possible. Max pooling is not piecewise-linear in this form and is rejected.
/// </summary>
public sealed class PiecewiseLinearNetwork
{
    private PiecewiseLinearNetwork(IReadOnlyList<DenseStep> steps) => Steps = steps;

    public IReadOnlyList<DenseStep> Steps { get; }
    public int InputSize => Steps[0].Inputs;
    public int OutputSize => Steps[^1].Outputs;

    /// <summary>Number of ReLU neurons (the sources of non-linearity a proof must handle).</summary>
    public int ReluCount => Steps.Where(s => s.Relu).Sum(s => s.Outputs);

    public static PiecewiseLinearNetwork From(Network network)
    {
        var steps = new List<DenseStep>();
        DenseStep? pending = null; // affine map not yet followed by a ReLU
        foreach (var layer in network.Layers)
        {
            if (layer is ReluLayer)
            {
                var affine = pending ?? Identity(layer.InputSize);
                if (affine.Relu) throw new NotSupportedException("two ReLUs in a row"); // cannot happen: pending never has Relu
                steps.Add(affine with { Relu = true });
                pending = null;
                continue;
            }
            var dense = Densify(layer);
            pending = pending is null ? dense : Compose(pending, dense);
        }
        if (pending is not null) steps.Add(pending);
        return new PiecewiseLinearNetwork(steps);
    }

    /// <summary>Evaluates in float64 (used to check candidates found from bounds).</summary>
    public double[] Evaluate(ReadOnlySpan<double> input)
    {
        var x = input.ToArray();
        foreach (var step in Steps)
        {
            var y = new double[step.Outputs];
            for (var o = 0; o < step.Outputs; o++)
            {
                var sum = step.Bias[o];
                for (var i = 0; i < step.Inputs; i++) sum += step.Weights[o * step.Inputs + i] * x[i];
                y[o] = step.Relu && sum < 0 ? 0 : sum;
            }
            x = y;
        }
        return x;
    }

    private static DenseStep Identity(int n)
    {
        var w = new double[n * n];
        for (var i = 0; i < n; i++) w[i * n + i] = 1;
        return new DenseStep(w, new double[n], n, n, false);
    }

    /// <summary>second ∘ first.</summary>
    private static DenseStep Compose(DenseStep first, DenseStep second)
    {
        int n = first.Inputs, m = first.Outputs, k = second.Outputs;
        var w = new double[k * n];
        var b = new double[k];
        for (var o = 0; o < k; o++)
        {
            var bias = second.Bias[o];
            for (var j = 0; j < m; j++)
            {
                var s = second.Weights[o * m + j];
                if (s == 0) continue;
                bias += s * first.Bias[j];
                for (var i = 0; i < n; i++) w[o * n + i] += s * first.Weights[j * n + i];
            }
            b[o] = bias;
        }
        return new DenseStep(w, b, n, k, false);
    }

    /// <summary>The dense matrix of an affine layer, found column by column from its action on basis vectors.</summary>
    private static DenseStep Densify(Layer layer)
    {
        switch (layer)
        {
            case AffineLayer affine:
                return new DenseStep(affine.Weights, affine.Bias, affine.InputSize, affine.OutputSize, false);
            case ElementwiseAffineLayer elementwise:
            {
                var n = elementwise.InputSize;
                var w = new double[n * n];
                for (var i = 0; i < n; i++) w[i * n + i] = elementwise.Scale[i];
                return new DenseStep(w, elementwise.Shift.ToArray(), n, n, false);
            }
            case Conv2dLayer or Pool2dLayer { Pool: PoolKind.Average }:
            {
                int n = layer.InputSize, m = layer.OutputSize;
                var bias = new double[m];
                layer.Forward(new double[n], bias);
                var w = new double[m * n];
                var basis = new double[n];
                var column = new double[m];
                for (var i = 0; i < n; i++)
                {
                    basis[i] = 1;
                    layer.Forward(basis, column);
                    for (var o = 0; o < m; o++) w[o * n + i] = column[o] - bias[o];
                    basis[i] = 0;
                }
                return new DenseStep(w, bias, n, m, false);
            }
            default:
                throw new NotSupportedException($"{layer.Kind} ({layer.Name}) is not supported by the sound verifier yet");
        }
    }
}
