using RepairGate.Core.Model;

namespace RepairGate.Core.Repair;

/// <summary>Finds the affine layers a repair may change. Users count affine layers (0 = first, -1 = last), not IR layers.</summary>
public static class RepairLayers
{
    /// <summary>Indices into <see cref="Network.Layers"/> of the affine layers, in network order.</summary>
    public static IReadOnlyList<int> Affine(Network network) =>
        network.Layers.Select((layer, index) => (layer, index)).Where(p => p.layer is AffineLayer).Select(p => p.index).ToArray();

    /// <summary>The IR index of affine layer <paramref name="affineNumber"/> (negative counts from the end), or null if out of range.</summary>
    public static int? Resolve(Network network, int affineNumber)
    {
        var affine = Affine(network);
        var k = affineNumber < 0 ? affine.Count + affineNumber : affineNumber;
        return k >= 0 && k < affine.Count ? affine[k] : null;
    }

    /// <summary>The last affine layer, or null when the network has none.</summary>
    public static int? Last(Network network) => Resolve(network, -1);

    /// <summary>The affine layer before the last one (the last hidden layer), or null.</summary>
    public static int? LastHidden(Network network) => Resolve(network, -2);
}
