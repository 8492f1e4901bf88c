using RepairGate.Core.Data;
using RepairGate.Core.Metrics;
using RepairGate.Core.Model;

namespace RepairGate.Core.EditSets;

/// <summary>Builds edit sets from a model and labelled data, deterministically for a given seed.</summary>
public static class EditSetBuilder
{
    /// <summary>
    /// Builds the set <paramref name="spec"/> describes from <paramref name="data"/> (misclassified/region items judged by
    /// <paramref name="model"/> in float32 through OnnxRuntime; a tie for the top output is misclassified). Items follow data
    /// order; the set's <see cref="EditSet.Domain"/> is the data's value range. <paramref name="shape"/> is needed for blur and fog.
    /// </summary>
    public static async Task<EditSet> BuildAsync(EditSetSpec spec, Network model, LabelledData data, ImageShape? shape, int seed, CancellationToken cancellationToken)
    {
        if (spec.Path is { } path)
        {
            var fromFile = await EditSetCsv.ReadAsync(path, spec.Text, cancellationToken).ConfigureAwait(false);
            Check(fromFile.Items.Select(i => i.Input), fromFile.Items.Select(i => i.Label), model, path);
            return spec.Count is { } cap ? fromFile with { Items = fromFile.Items.Take(cap).ToArray() } : fromFile;
        }
        Check(data.Inputs, data.Labels, model, data.Source);
        var domain = ValueRange.Of(data.Inputs);
        var file = Path.GetFileName(data.Source);
        string Origin(int i) => $"{file} row {data.Rows[i]}";
        var limit = spec.Count ?? int.MaxValue;
        IEnumerable<EditItem> items;
        switch (spec.Kind)
        {
            case EditKind.Misclassified or EditKind.Region:
            {
                var predicted = await Task.Run(() => ClassifierMetrics.Predict(model, data.Inputs, cancellationToken), cancellationToken).ConfigureAwait(false);
                var wanted = spec.Kind == EditKind.Region; // regions around correctly classified points
                items = Enumerable.Range(0, data.Count).Where(i => (predicted[i] == data.Labels[i]) == wanted)
                    .Select(i => new EditItem(data.Inputs[i], data.Labels[i], spec.Kind, Origin(i), wanted ? spec.Amount : 0));
                break;
            }
            case EditKind.Class:
            {
                if (spec.Classes.FirstOrDefault(c => c >= model.OutputSize, -1) is var bad and >= 0)
                    throw new BadInputException($"edit set '{spec.Text}': class {bad} is not one of the model's {model.OutputSize} classes (0..{model.OutputSize - 1})");
                items = Enumerable.Range(0, data.Count).Where(i => spec.Classes.Contains(data.Labels[i]))
                    .Select(i => new EditItem(data.Inputs[i], data.Labels[i], EditKind.Class, Origin(i)));
                break;
            }
            case EditKind.Corrupted:
            {
                var corruption = spec.Corruption ?? throw new ArgumentException("a corrupted spec needs a corruption", nameof(spec));
                if (ImageCorruptions.NeedsShape(corruption) && shape is null)
                    throw new BadInputException($"edit set '{spec.Text}': {corruption.ToString().ToLowerInvariant()} needs the image shape (CxHxW), which neither the data nor the model gives; give it explicitly");
                var name = $"{corruption.ToString().ToLowerInvariant()} {RepairGate.Core.Specs.RobustnessProperty.Format(spec.Amount)}";
                // One generator per source row: an item does not depend on N or on the other rows.
                items = Enumerable.Range(0, data.Count).Select(i => new EditItem(
                    ImageCorruptions.Apply(corruption, spec.Amount, data.Inputs[i], shape, domain, new Random(RowSeed(seed, data.Rows[i]))),
                    data.Labels[i], EditKind.Corrupted, $"{Origin(i)}, {name}"));
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown edit kind");
        }
        var list = new List<EditItem>();
        foreach (var item in items)
        {
            if (list.Count >= limit) break;
            cancellationToken.ThrowIfCancellationRequested();
            list.Add(item);
        }
        return new EditSet(spec.Text, list) { Domain = domain };
    }

    /// <summary>A seeded split: round(fraction·count) items held out, the rest for repair; both keep the set's order, stable for the same seed.</summary>
    public static EditSplit Split(EditSet set, double heldOutFraction, int seed)
    {
        if (!(heldOutFraction is >= 0 and <= 1)) throw new BadInputException($"the held-out fraction must be between 0 and 1, not {heldOutFraction}");
        var heldOutCount = (int)Math.Round(heldOutFraction * set.Count, MidpointRounding.AwayFromZero);
        var order = Enumerable.Range(0, set.Count).ToArray();
        new Random(seed).Shuffle(order);
        var heldOut = order.Take(heldOutCount).ToHashSet();
        EditSet Part(bool held, string suffix) =>
            new(set.Name + suffix, Enumerable.Range(0, set.Count).Where(i => heldOut.Contains(i) == held).Select(i => set.Items[i]).ToArray()) { Domain = set.Domain };
        return new EditSplit(Part(false, ""), Part(true, " (held out)"));
    }

    private static int RowSeed(int seed, int row) => unchecked((int)(((uint)seed * 2654435761u) ^ ((uint)row * 40503u + 0x9E3779B9u)));

    private static void Check(IEnumerable<double[]> inputs, IEnumerable<int> labels, Network model, string source)
    {
        if (inputs.FirstOrDefault(x => x.Length != model.InputSize) is { } wrong)
            throw new BadInputException($"the data has {wrong.Length} values per row but model {model.SourcePath} takes {model.InputSize} inputs", source);
        if (labels.FirstOrDefault(l => l >= model.OutputSize, -1) is var label and >= 0)
            throw new BadInputException($"label {label} is not one of the model's {model.OutputSize} classes (0..{model.OutputSize - 1})", source);
    }
}
