using RepairGate.Core.Model;
using RepairGate.Core.Verification.Proof;

namespace RepairGate.Core.Repair.Layerwise;

/// <summary>
/// A network cut around one affine layer L: the layers before L are fixed and only give L's input at each point;
/// the layers after L are fixed too and are seen as dense affine steps with ReLUs, the form the encodings need.
/// </summary>
public sealed class LayerSplit
{
    private readonly Network _network;

    private LayerSplit(Network network, int index, AffineLayer layer, IReadOnlyList<DenseStep> suffix)
    {
        _network = network;
        Index = index;
        Layer = layer;
        Suffix = suffix;
    }

    /// <summary>Index of L in <see cref="Network.Layers"/>.</summary>
    public int Index { get; }

    public AffineLayer Layer { get; }

    /// <summary>The layers after L as dense steps (empty when L is the last layer).</summary>
    public IReadOnlyList<DenseStep> Suffix { get; }

    /// <summary>True when a ReLU follows L, so the output is not linear in L's parameters.</summary>
    public bool ReluAfter => Suffix.Any(step => step.Relu);

    /// <summary>Weights tied to one broadcast initializer value cannot change independently; they stay fixed.</summary>
    public bool WeightsFree => Layer.WeightSource?.Broadcast != true;

    public bool BiasFree => Layer.BiasSource?.Broadcast != true;

    /// <summary>
    /// Splits <paramref name="network"/> at layer <paramref name="index"/>. Throws <see cref="ArgumentException"/>
    /// when it is not an affine layer, and <see cref="NotSupportedException"/> when a later layer has no dense form
    /// (max pooling).
    /// </summary>
    public static LayerSplit At(Network network, int index)
    {
        if (index < 0 || index >= network.Layers.Count)
            throw new ArgumentException($"layer index {index} is outside 0..{network.Layers.Count - 1}", nameof(index));
        if (network.Layers[index] is not AffineLayer layer)
            throw new ArgumentException($"layer {index} ({network.Layers[index]}) is not an affine layer and cannot be repaired", nameof(index));
        IReadOnlyList<DenseStep> suffix = [];
        if (index + 1 < network.Layers.Count)
        {
            var rest = new Network(network.Layers.Skip(index + 1).ToList(), network.Io, network.SourcePath);
            suffix = PiecewiseLinearNetwork.From(rest).Steps;
        }
        return new LayerSplit(network, index, layer, suffix);
    }

    /// <summary>L's input at network input <paramref name="x"/> (float64 evaluation of the layers before L).</summary>
    public double[] InputOfLayer(ReadOnlySpan<double> x)
    {
        var current = x.ToArray();
        for (var i = 0; i < Index; i++)
        {
            var next = new double[_network.Layers[i].OutputSize];
            _network.Layers[i].Forward(current, next);
            current = next;
        }
        return current;
    }

    /// <summary>The network with L's parameters replaced.</summary>
    public Network WithParameters(double[] weights, double[] bias) => _network.WithLayer(Index, Layer.With(weights, bias));
}
