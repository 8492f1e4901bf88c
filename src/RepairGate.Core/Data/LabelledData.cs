namespace RepairGate.Core.Data;

/// <summary>
/// Classifier inputs in model units (normalisation already applied) with their class labels: the common form of an
/// IDX image split, a CSV table or an edit set's source.
/// </summary>
/// <param name="Inputs">One input vector per row, each of length <see cref="InputSize"/>.</param>
/// <param name="Labels">One class label per row.</param>
/// <param name="Source">Where the rows came from (a path), for reports and errors.</param>
/// <param name="Rows">The 0-based row index in <see cref="Source"/> of each row, so subsets keep their origin.</param>
public sealed record LabelledData(IReadOnlyList<double[]> Inputs, IReadOnlyList<int> Labels, string Source, IReadOnlyList<int> Rows)
{
    public int Count => Inputs.Count;

    public int InputSize => Inputs.Count == 0 ? 0 : Inputs[0].Length;

    /// <summary>One more than the largest label (0 when empty).</summary>
    public int ClassCount => Labels.Count == 0 ? 0 : Labels.Max() + 1;

    /// <summary>The rows at <paramref name="indices"/> (positions in this set), keeping their source rows.</summary>
    public LabelledData Subset(IEnumerable<int> indices)
    {
        var picked = indices.ToArray();
        return new LabelledData(picked.Select(i => Inputs[i]).ToArray(), picked.Select(i => Labels[i]).ToArray(), Source,
            picked.Select(i => Rows[i]).ToArray());
    }

    /// <summary>The first <paramref name="count"/> rows (or all).</summary>
    public LabelledData Take(int count) => Subset(Enumerable.Range(0, Math.Min(count, Count)));

    /// <summary>Rows numbered 0..n-1 of <paramref name="source"/>.</summary>
    public static LabelledData Create(IReadOnlyList<double[]> inputs, IReadOnlyList<int> labels, string source)
    {
        if (inputs.Count != labels.Count) throw new ArgumentException($"{inputs.Count} inputs but {labels.Count} labels");
        return new LabelledData(inputs, labels, source, Enumerable.Range(0, inputs.Count).ToArray());
    }
}
