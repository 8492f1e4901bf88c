using RepairGate.Core.Model;

namespace RepairGate.Core.Repair.Layerwise;

/// <summary>How much a repaired network's affine layers differ from the original's.</summary>
public static class LayerChanges
{
    /// <summary>The norm of all parameter changes in the given layers together.</summary>
    public static double Norm(Network original, Network repaired, IEnumerable<int> layers, WeightNorm norm)
    {
        var changes = layers.SelectMany(i => Differences(original, repaired, i));
        return norm == WeightNorm.LInf ? changes.DefaultIfEmpty(0).Max() : changes.Sum();
    }

    /// <summary>Indices of the layers whose parameters changed.</summary>
    public static IEnumerable<int> Changed(Network original, Network repaired, IEnumerable<int> layers) =>
        layers.Where(i => Differences(original, repaired, i).Any(d => d != 0));

    private static IEnumerable<double> Differences(Network original, Network repaired, int index)
    {
        var a = (AffineLayer)original.Layers[index];
        var b = (AffineLayer)repaired.Layers[index];
        return a.Weights.Zip(b.Weights).Concat(a.Bias.Zip(b.Bias)).Select(p => Math.Abs(p.First - p.Second));
    }
}
