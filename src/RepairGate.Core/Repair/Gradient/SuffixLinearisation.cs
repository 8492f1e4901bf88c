using RepairGate.Core.Verification.Proof;

namespace RepairGate.Core.Repair.Gradient;

/// <summary>
/// The fixed layers after the repaired layer, linearised at one point: with the ReLU pattern frozen, the output is
/// y + J Δz for a change Δz of the layer's output. Gradients J^T c are found by back-propagation, one per constraint.
/// </summary>
internal sealed class SuffixLinearisation
{
    private readonly IReadOnlyList<DenseStep> _steps;
    private readonly bool[][] _active;

    public SuffixLinearisation(IReadOnlyList<DenseStep> steps, double[] layerOutput)
    {
        _steps = steps;
        _active = new bool[steps.Count][];
        var x = layerOutput;
        for (var s = 0; s < steps.Count; s++)
        {
            var step = steps[s];
            var y = new double[step.Outputs];
            _active[s] = new bool[step.Outputs];
            for (var o = 0; o < step.Outputs; o++)
            {
                var sum = step.Bias[o];
                for (var i = 0; i < step.Inputs; i++) sum += step.Weights[o * step.Inputs + i] * x[i];
                _active[s][o] = !step.Relu || sum > 0;
                y[o] = _active[s][o] ? sum : 0;
            }
            x = y;
        }
        Output = x;
    }

    /// <summary>The network output at the point.</summary>
    public double[] Output { get; }

    /// <summary>∂(c·y)/∂z: how the constraint's left side moves with the layer's output, pattern frozen.</summary>
    public double[] Gradient(double[] coefficients)
    {
        var v = coefficients.ToArray();
        for (var s = _steps.Count - 1; s >= 0; s--)
        {
            var step = _steps[s];
            var back = new double[step.Inputs];
            for (var o = 0; o < step.Outputs; o++)
            {
                if (!_active[s][o] || v[o] == 0) continue;
                for (var i = 0; i < step.Inputs; i++) back[i] += step.Weights[o * step.Inputs + i] * v[o];
            }
            v = back;
        }
        return v;
    }
}
