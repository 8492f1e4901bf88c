using RepairGate.Core.Data;
using RepairGate.Core.Model;

namespace RepairGate.Core.EditSets;

/// <summary>Shape of an image input (for corruptions that look at neighbouring pixels).</summary>
public sealed record ImageShape(int Channels, int Height, int Width);

/// <summary>Builds edit sets from a model and labelled data, deterministically for a given seed.</summary>
public static class EditSetBuilder
{
    /// <summary>Builds the set <paramref name="spec"/> describes from <paramref name="data"/> (misclassified/region items judged by <paramref name="model"/>).</summary>
    public static Task<EditSet> BuildAsync(EditSetSpec spec, Network model, LabelledData data, ImageShape? shape, int seed, CancellationToken cancellationToken)
        => throw new NotImplementedException("contract: implemented by the edit-sets work");

    /// <summary>A seeded split: round(fraction·count) items held out, the rest for repair; stable for the same seed.</summary>
    public static EditSplit Split(EditSet set, double heldOutFraction, int seed)
        => throw new NotImplementedException("contract: implemented by the edit-sets work");
}
