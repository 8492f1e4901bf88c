using System.Globalization;
using System.Text;
using RepairGate.Core.Data;

namespace RepairGate.Core.EditSets;

/// <summary>
/// Saves an edit set as CSV (a header <c>label,x0,x1,...</c>, then one row per item: label and inputs in model units,
/// round-trip exact) so it can be reused with <c>file:PATH</c>. Kinds and radii are not kept: read back, every row is a
/// <see cref="EditKind.Class"/> item.
/// </summary>
public static class EditSetCsv
{
    public static string ToCsv(EditSet set)
    {
        var text = new StringBuilder();
        var size = set.Count == 0 ? 0 : set.Items[0].Input.Length;
        text.Append("label");
        for (var i = 0; i < size; i++) text.Append(",x").Append(i.ToString(CultureInfo.InvariantCulture));
        text.Append('\n');
        foreach (var item in set.Items)
        {
            text.Append(item.Label.ToString(CultureInfo.InvariantCulture));
            foreach (var v in item.Input) text.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Writes <paramref name="set"/> atomically to <paramref name="path"/>, never over one of <paramref name="inputs"/>.</summary>
    public static Task WriteAsync(EditSet set, string path, IReadOnlyCollection<string>? inputs = null, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllTextAsync(path, ToCsv(set), inputs, cancellationToken);

    /// <summary>Reads a CSV of label and inputs (header optional, label first) as <see cref="EditKind.Class"/> items named <paramref name="name"/>.</summary>
    public static async Task<EditSet> ReadAsync(string path, string name, CancellationToken cancellationToken = default)
    {
        var data = await DatasetLoader.LoadCsvAsync(path, CsvLayout.Default, Normalisation.Identity, cancellationToken).ConfigureAwait(false);
        return FromData(data, name);
    }

    internal static EditSet FromData(LabelledData data, string name)
    {
        var file = Path.GetFileName(data.Source);
        var items = data.Inputs.Select((x, i) => new EditItem(x, data.Labels[i], EditKind.Class, $"{file} row {data.Rows[i]}")).ToArray();
        return new EditSet(name, items) { Domain = ValueRange.Of(data.Inputs) };
    }
}
