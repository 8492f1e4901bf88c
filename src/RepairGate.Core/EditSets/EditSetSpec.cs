namespace RepairGate.Core.EditSets;

/// <summary>
/// How to build an edit set, parsed from the command line or MSBuild metadata:
/// <c>misclassified[:N]</c>, <c>classes:C1,C2[:N]</c>, <c>corrupted:noise|brightness|blur|fog:SEVERITY[:N]</c>,
/// <c>region:EPSILON[:N]</c> (L∞ balls around correctly classified points), or <c>file:PATH</c> (a CSV of label and
/// inputs, every row a <see cref="EditKind.Class"/> item). N caps the items (first N in data order).
/// </summary>
/// <param name="Text">The spec as written (the edit set's name in reports).</param>
/// <param name="Kind">The kind of items it builds.</param>
/// <param name="Count">Cap on the number of items, or null for all that qualify.</param>
/// <param name="Classes">For <c>classes</c>: the chosen labels.</param>
/// <param name="Corruption">For <c>corrupted</c>: which corruption.</param>
/// <param name="Amount">Severity for <c>corrupted</c>, radius for <c>region</c>; 0 otherwise.</param>
/// <param name="Path">For <c>file</c>: the CSV path.</param>
public sealed record EditSetSpec(string Text, EditKind Kind, int? Count, IReadOnlyList<int> Classes, Corruption? Corruption, double Amount, string? Path)
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="BadInputException"/> naming the bad part.</summary>
    public static EditSetSpec Parse(string text) => throw new NotImplementedException("contract: implemented by the edit-sets work");
}
