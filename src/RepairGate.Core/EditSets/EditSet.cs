namespace RepairGate.Core.EditSets;

/// <summary>A named list of edit items, e.g. "misclassified:100" built from the Fashion-MNIST test split.</summary>
/// <param name="Name">The spec it was built from (see <see cref="EditSetSpec"/>), for reports.</param>
/// <param name="Items">The items, in a stable order.</param>
public sealed record EditSet(string Name, IReadOnlyList<EditItem> Items)
{
    public int Count => Items.Count;

    /// <summary>The input domain (smallest and largest input value of the data it was built from): region balls are clipped to it. Null: unclipped.</summary>
    public ValueRange? Domain { get; init; }
}

/// <summary>A closed interval [Min, Max] of input values.</summary>
public sealed record ValueRange(double Min, double Max)
{
    public double Clip(double value) => Math.Clamp(value, Min, Max);

    /// <summary>The smallest and largest value over every input of <paramref name="inputs"/> ([0, 0] when empty).</summary>
    public static ValueRange Of(IEnumerable<double[]> inputs)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var x in inputs)
            foreach (var v in x)
            {
                if (v < min) min = v;
                if (v > max) max = v;
            }
        return min > max ? new ValueRange(0, 0) : new ValueRange(min, max);
    }
}

/// <summary>
/// An edit set split in two: the engines see only <see cref="Repair"/>; <see cref="HeldOut"/> (items of the same kind the
/// repair never saw) measures generalisation.
/// </summary>
public sealed record EditSplit(EditSet Repair, EditSet HeldOut);
