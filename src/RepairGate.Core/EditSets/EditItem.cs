namespace RepairGate.Core.EditSets;

/// <summary>The kind of requirement an edit item states.</summary>
public enum EditKind
{
    /// <summary>A test point the model gets wrong: it must be classified as its label.</summary>
    Misclassified,

    /// <summary>A point of a chosen class: it must be (or stay) classified as its label.</summary>
    Class,

    /// <summary>A corrupted copy of a point (noise, brightness, blur, fog): it must be classified as the clean label.</summary>
    Corrupted,

    /// <summary>Every input of the L∞ ball of <see cref="EditItem.Radius"/> around the point must be classified as its label.</summary>
    Region,
}

/// <summary>One requirement of an edit set: the model must classify <see cref="Input"/> (or its whole L∞ ball) as <see cref="Label"/>.</summary>
/// <param name="Input">The point, in model units.</param>
/// <param name="Label">The required class.</param>
/// <param name="Kind">Why the item is in the set.</param>
/// <param name="Origin">Readable origin for reports, e.g. "t10k row 12" or "t10k row 12, fog 0.3".</param>
/// <param name="Radius">L∞ radius for <see cref="EditKind.Region"/> items (model units, clipped to the input domain); 0 otherwise.</param>
public sealed record EditItem(double[] Input, int Label, EditKind Kind, string Origin, double Radius = 0);
