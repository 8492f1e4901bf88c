using RepairGate.Core.Model;
using RepairGate.Core.Repair;
using RepairGate.Core.Specs;

namespace RepairGate.Core.Tests.Repair;

/// <summary>Hand-built networks and unsafe sets whose optimal repairs can be worked out on paper.</summary>
internal static class TinyNetworks
{
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
