using System.Text.RegularExpressions;
using RepairGate.Core;
using RepairGate.Core.Data;
using RepairGate.Core.EditSets;
using RepairGate.Core.Model;

namespace RepairGate.Cli.Commands;

/// <summary>The rows of one comparison: the split edit set, the test rows it left and the preserve rows.</summary>
internal sealed record CompareProblem(EditSplit Edits, LabelledData Test, LabelledData Preserve, IReadOnlyList<string> Inputs);

/// <summary>Loads the data of <c>compare</c>/<c>eval</c> and builds the edit set from the test rows.</summary>
internal static partial class CompareData
{
    public static async Task<CompareProblem> LoadAsync(CompareSettings settings, Network model, CancellationToken cancellationToken)
    {
        var source = settings.Data;
        var (testPath, trainPath) = Resolve(source);
        var test = await DatasetLoader.LoadAsync(testPath, source.Normalisation, source.Csv, cancellationToken);
        var testData = source.TestCount is { } n ? test.Data.Take(n) : test.Data;
        if (testData.Count == 0) throw new BadInputException("the test data has no rows", testData.Source);
        if (testData.InputSize != model.InputSize)
            throw new BadInputException($"the test rows have {testData.InputSize} features but the model takes {model.InputSize} inputs", testData.Source);
        if (testData.ClassCount > model.OutputSize)
            throw new BadInputException($"the test data has label {testData.ClassCount - 1} but the model has only {model.OutputSize} outputs", testData.Source);

        var preserve = LabelledData.Create([], [], "none");
        if (trainPath is not null && settings.Options.PreservePoints > 0)
        {
            var train = await DatasetLoader.LoadAsync(trainPath, source.Normalisation, source.Csv, cancellationToken);
            preserve = train.Data.Take(settings.Options.PreservePoints);
            if (preserve.InputSize != model.InputSize)
                throw new BadInputException($"the preserve rows have {preserve.InputSize} features but the model takes {model.InputSize} inputs", preserve.Source);
        }

        var inputs = new List<string> { settings.ModelPath, testData.Source };
        if (trainPath is not null) inputs.Add(preserve.Source);
        if (settings.EditSet is not { } spec)
        {
            var empty = new EditSet("none", []);
            return new CompareProblem(new EditSplit(empty, empty), testData, preserve, inputs);
        }
        if (spec.Path is { } editFile) inputs.Add(Path.GetFullPath(editFile));
        var shape = source.Shape ?? test.Shape ?? ImageShape.Of(model);
        var set = await EditSetBuilder.BuildAsync(spec, model, testData, shape, settings.Options.Seed, cancellationToken);
        if (set.Count == 0) throw new BadInputException($"the edit set '{spec.Text}' is empty on these {testData.Count} test rows");
        var split = EditSetBuilder.Split(set, settings.HeldOut, settings.Options.Seed);
        // Drawdown is measured on the rows the repair did not see; an evaluation keeps every test row.
        if (settings.Methods.Count == 0) return new CompareProblem(split, testData, preserve, inputs);
        var used = SourceRows(set, testData);
        var remaining = testData.Subset(Enumerable.Range(0, testData.Count).Where(i => !used.Contains(testData.Rows[i])));
        if (remaining.Count == 0) throw new BadInputException("the edit set uses every test row: no rows are left to measure drawdown; add --test-count or a smaller edit set");
        return new CompareProblem(split, remaining, preserve, inputs);
    }

    /// <summary>(test, train) paths: a folder means its two IDX prefixes; a file or prefix path is the test data, with --train-data beside it.</summary>
    private static (string Test, string? Train) Resolve(DataSource source)
    {
        var full = Path.GetFullPath(source.Path);
        var train = source.TrainPath is { } t ? Path.GetFullPath(t) : null;
        if (!Directory.Exists(full)) return (full, train);
        return (Path.Combine(full, source.TestPrefix), train ?? Path.Combine(full, source.TrainPrefix));
    }

    /// <summary>
    /// Source rows (in <paramref name="data"/>'s numbering) of the items built from it: the builder names them
    /// "FILE row N" (corrupted items add ", corruption"). Items from another file (file:PATH) use no test row.
    /// </summary>
    public static HashSet<int> SourceRows(EditSet set, LabelledData data)
    {
        var prefix = Path.GetFileName(data.Source) + " row ";
        var rows = new HashSet<int>();
        foreach (var item in set.Items)
        {
            if (!item.Origin.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var match = LeadingNumber().Match(item.Origin, prefix.Length);
            if (match.Success) rows.Add(int.Parse(match.Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return rows;
    }

    [GeneratedRegex(@"\G\d+")]
    private static partial Regex LeadingNumber();
}
