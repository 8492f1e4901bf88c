using RepairGate.Core.Model;

namespace RepairGate.Core.Repair;

/// <summary>
/// One input seen from an editable affine layer K: the layer's input h, its output z = W h + b, the network output y,
/// and the suffix (layers after K) linearised with every ReLU frozen at its current state, so that for a change Δz of
/// the layer output the network output is y + J Δz exactly while no frozen ReLU changes state.
/// </summary>
internal sealed class PointLinearization
{
    private PointLinearization(double[] layerInput, double[] layerOutput, double[] output, double[][] jacobian, IReadOnlyList<FrozenUnit> frozen)
    {
        LayerInput = layerInput;
        LayerOutput = layerOutput;
        Output = output;
        Jacobian = jacobian;
        Frozen = frozen;
    }

    /// <summary>h: the input of layer K.</summary>
    public double[] LayerInput { get; }

    /// <summary>z: the output of layer K.</summary>
    public double[] LayerOutput { get; }

    /// <summary>y: the network output (float64).</summary>
    public double[] Output { get; }

    /// <summary>J[j] = ∂y_j/∂z with the suffix's ReLUs frozen; one row per output.</summary>
    public double[][] Jacobian { get; }

    /// <summary>Pre-activations of the suffix's ReLUs as functions of Δz (value + Gradient·Δz), with their current state.</summary>
    public IReadOnlyList<FrozenUnit> Frozen { get; }

    /// <summary>Linearises the network at <paramref name="input"/> around the output of layer <paramref name="layerIndex"/>.</summary>
    /// <exception cref="NotSupportedException">A layer after K whose local linearisation is not implemented (max pooling).</exception>
    public static PointLinearization At(Network network, int layerIndex, ReadOnlySpan<double> input)
    {
        var current = input.ToArray();
        for (var l = 0; l < layerIndex; l++) current = Forward(network.Layers[l], current);
        var layerInput = current;
        var layerOutput = Forward(network.Layers[layerIndex], layerInput);

        // Directions: the images of the unit vectors of z through the suffix, kept as columns[k] = ∂(current)/∂z_k.
        var m = layerOutput.Length;
        var value = layerOutput;
        var columns = new double[m][];
        for (var k = 0; k < m; k++)
        {
            columns[k] = new double[m];
            columns[k][k] = 1;
        }
        var frozen = new List<FrozenUnit>();
        for (var l = layerIndex + 1; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            switch (layer)
            {
                case ReluLayer:
                    for (var i = 0; i < value.Length; i++)
                    {
                        var gradient = new double[m];
                        for (var k = 0; k < m; k++) gradient[k] = columns[k][i];
                        var active = value[i] > 0;
                        frozen.Add(new FrozenUnit(value[i], gradient, active));
                        if (active) continue;
                        value[i] = 0;
                        foreach (var column in columns) column[i] = 0;
                    }
                    break;
                case Pool2dLayer { Pool: PoolKind.Max }:
                    throw new NotSupportedException($"layer {l} ({layer.Kind}) after the repaired layer cannot be linearised");
                default:
                    // Affine in its input: directions map through the linear part f(d) - f(0).
                    var offset = Forward(layer, new double[layer.InputSize]);
                    value = Forward(layer, value);
                    for (var k = 0; k < m; k++)
                    {
                        var mapped = Forward(layer, columns[k]);
                        for (var i = 0; i < mapped.Length; i++) mapped[i] -= offset[i];
                        columns[k] = mapped;
                    }
                    break;
            }
        }
        var outputs = value.Length;
        var jacobian = new double[outputs][];
        for (var j = 0; j < outputs; j++)
        {
            jacobian[j] = new double[m];
            for (var k = 0; k < m; k++) jacobian[j][k] = columns[k][j];
        }
        return new PointLinearization(layerInput, layerOutput, value, jacobian, frozen);
    }

    private static double[] Forward(Layer layer, double[] input)
    {
        var output = new double[layer.OutputSize];
        layer.Forward(input, output);
        return output;
    }
}

/// <summary>A ReLU after the repaired layer: its pre-activation is Value + Gradient·Δz, and it was active or not.</summary>
internal sealed record FrozenUnit(double Value, double[] Gradient, bool Active);
