namespace RepairGate.Core.EditSets;

/// <summary>A named list of edit items, e.g. "misclassified:100" built from the Fashion-MNIST test split.</summary>
/// <param name="Name">The spec it was built from (see <see cref="EditSetSpec"/>), for reports.</param>
/// <param name="Items">The items, in a stable order.</param>
public sealed record EditSet(string Name, IReadOnlyList<EditItem> Items)
{
    public int Count => Items.Count;
}

/// <summary>
/// An edit set split in two: the engines see only <see cref="Repair"/>; <see cref="HeldOut"/> (items of the same kind the
/// repair never saw) measures generalisation.
/// </summary>
public sealed record EditSplit(EditSet Repair, EditSet HeldOut);
