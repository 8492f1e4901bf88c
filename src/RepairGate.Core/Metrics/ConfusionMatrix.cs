namespace RepairGate.Core.Metrics;

/// <summary>Counts of (actual label, predicted label) over a labelled set; a tie for the top output counts as predicted -1 (wrong).</summary>
/// <param name="Classes">Number of classes.</param>
/// <param name="Counts">Counts[actual][predicted]; a row's last extra column counts ties.</param>
public sealed record ConfusionMatrix(int Classes, IReadOnlyList<int[]> Counts)
{
    public int Total => Counts.Sum(r => r.Sum());

    public int Correct => Enumerable.Range(0, Classes).Sum(k => Counts[k][k]);

    public double Accuracy => Total == 0 ? 1 : (double)Correct / Total;

    /// <summary>Accuracy on the rows of class <paramref name="label"/> (1 when there are none).</summary>
    public double ClassAccuracy(int label) => Counts[label].Sum() is var n and > 0 ? (double)Counts[label][label] / n : 1;
}
