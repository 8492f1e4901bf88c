using RepairGate.Core.Model;
using RepairGate.Core.Repair;
using RepairGate.Core.Specs;

namespace RepairGate.Core.Tests.Repair;

/// <summary>Hand-made networks and unsafe sets small enough to solve the repair problem on paper.</summary>
internal static class TinyNetworks
{
    /// <summary>Dense layers with ReLUs between them; weights row-major [out, in].</summary>
    public static Network Dense(params (double[] Weights, double[] Bias)[] layers)
    {
        var list = new List<Layer>();
        var width = layers[0].Weights.Length / layers[0].Bias.Length;
        for (var i = 0; i < layers.Length; i++)
        {
            var (w, b) = layers[i];
            list.Add(new AffineLayer(w, b, [width], [b.Length], $"dense{i}"));
            width = b.Length;
            if (i < layers.Length - 1) list.Add(new ReluLayer([width], $"relu{i}"));
        }
        return new Network(list, new NetworkIo("X", [1, list[0].InputSize], "Y", [1, width]), "tiny.onnx");
    }

    /// <summary>
    /// x = (1, 2) through z = -x (both hidden ReLUs off), y = h0 + h1: y is 0 and stays 0 under any change that keeps
    /// the activation pattern. Making y ≥ 1 + m needs |Δw| ≥ (4 + m)/8 in the hidden layer, with both ReLUs turned on.
    /// </summary>
    public static Network BothReluOff() => Dense(([-1, 0, 0, -1], [0, 0]), ([1, 1], [0]));

    public static RepairPoint AtLeast(double[] input, double value, string origin) =>
        new(input, [new OutputPolytope([new LinearConstraint([1.0], value)])], origin); // unsafe: Y_0 ≤ value

    public static RepairPoint AtMost(double[] input, double value, string origin) =>
        new(input, [new OutputPolytope([new LinearConstraint([-1.0], -value)])], origin); // unsafe: Y_0 ≥ value

    public static AffineLayer Dense(double[] weights, double[] bias, int inputs) =>
        new(weights, bias, [inputs], [bias.Length], "dense");

    public static Network Chain(int inputs, params Layer[] layers) =>
        new(layers, new NetworkIo("X", [1, inputs], "Y", [1, layers[^1].OutputSize]), "tiny.onnx");

    /// <summary>The unsafe set <c>coefficients·y ≤ bound</c> as a single-constraint polytope.</summary>
    public static OutputPolytope Unsafe(double[] coefficients, double bound) => new([new LinearConstraint(coefficients, bound)]);

    public static RepairPoint Point(double[] x, string origin, params OutputPolytope[] unsafeSets) => new(x, unsafeSets, origin);

    public static RepairProblem Problem(Network network, IReadOnlyList<RepairPoint> edits, int layer, WeightNorm norm = WeightNorm.LInf, double margin = 0.2) =>
        new(network, edits, [], [layer], norm, margin);
}
