using System.CommandLine;
using System.Globalization;
using RepairGate.Core;
using RepairGate.Core.Comparison;
using RepairGate.Core.Data;
using RepairGate.Core.EditSets;
using RepairGate.Core.Repair;
using RepairGate.Core.Reports;

namespace RepairGate.Cli.Commands;

/// <summary>The options of <c>compare</c> and <c>eval</c>, and their validation (before any file is read).</summary>
internal sealed class CompareOptions(bool evalOnly = false)
{
    private static readonly ComparisonOptions Defaults = new(TimeSpan.FromSeconds(60));

    public Option<FileInfo> Model { get; } = new("--model", "-m") { Description = "The classifier: .onnx (or .nnet)", Required = true };
    public Option<string> Data { get; } = new("--data", "-d") { Description = "Test data: a folder of IDX files (with --test-prefix/--train-prefix), an IDX prefix path (DIR/t10k), or a CSV file", Required = true };
    public Option<string> TestPrefix { get; } = new("--test-prefix") { Description = "IDX prefix of the test split in a --data folder", DefaultValueFactory = _ => "t10k" };
    public Option<string> TrainPrefix { get; } = new("--train-prefix") { Description = "IDX prefix of the training split in a --data folder (the preserve rows)", DefaultValueFactory = _ => "train" };
    public Option<string?> TrainData { get; } = new("--train-data") { Description = "Preserve rows from another file: an IDX prefix path or a CSV file (default: the --train-prefix split of a --data folder; none for a file)" };
    public Option<string?> LabelColumn { get; } = new("--label-column") { Description = "CSV: the label column, by header name or 0-based index (negative from the end); default the first" };
    public Option<string?> Normalise { get; } = new("--normalise") { Description = "Raw values to model units: SCALE[;mean=M,...][;std=S,...] (default 1/255 for IDX, 1 for CSV)" };
    public Option<string?> ImageShapeOption { get; } = new("--image-shape") { Description = "CxHxW of CSV inputs, for blur and fog edit sets (IDX files and CNN models know it)" };
    public Option<string?> EditSet { get; } = new("--edit-set", "-e") { Description = $"The edit set, built from the test rows: {EditSetSpec.Grammar}" };
    public Option<double> HeldOut { get; } = new("--held-out") { Description = "Share of the edit set held out to measure generalisation", DefaultValueFactory = _ => evalOnly ? 0 : 0.2 };
    public Option<string?> Methods { get; } = new("--methods") { Description = $"Comma-separated repair methods: {string.Join(", ", EngineCatalog.Default.Names)}" };
    public Option<bool> All { get; } = new("--all") { Description = "Run every repair method" };
    public Option<bool> TestOnly { get; } = new("--test-only") { Description = "Only evaluate the model (accuracy, confusion matrix, constraint accuracy of the edit set)" };
    public Option<double> TimeLimit { get; } = new("--time-limit", "-t") { Description = "Budget per method in seconds", DefaultValueFactory = _ => Defaults.TimeLimit.TotalSeconds };
    public Option<string> Norm { get; } = new("--norm") { Description = "Weight-change norm the LP/MILP methods minimise: linf or l1", DefaultValueFactory = _ => "linf" };
    public Option<double> Margin { get; } = new("--margin") { Description = "Logit margin every edit point must clear", DefaultValueFactory = _ => Defaults.Margin };
    public Option<int?> Layer { get; } = new("--layer") { Description = "The affine layer to repair (0 = first, -1 = last); default each method's own" };
    public Option<int> Preserve { get; } = new("--preserve") { Description = "Training rows given to the methods as behaviour to keep", DefaultValueFactory = _ => Defaults.PreservePoints };
    public Option<int?> TestCount { get; } = new("--test-count") { Description = "Use only the first N rows of the test data" };
    public Option<DirectoryInfo?> Out { get; } = new("--out", "-o") { Description = "Write the comparison files (comparison.md/.csv/.html/.json) into this folder" };
    public Option<string> Formats { get; } = new("--formats") { Description = "Comma-separated: md, csv, html, json, or all", DefaultValueFactory = _ => "all" };
    public Option<FileInfo?> SaveBest { get; } = new("--save-best") { Description = "Write the best repaired model (meeting --min-efficacy/--max-drawdown) here as ONNX: the original graph with changed weights" };
    public Option<double> MinEfficacy { get; } = new("--min-efficacy") { Description = "Efficacy a method must reach to count as a success (0..1)", DefaultValueFactory = _ => 1.0 };
    public Option<double?> MaxDrawdown { get; } = new("--max-drawdown") { Description = "Largest drawdown a success may have (0..1, e.g. 0.01 = 1 %); default no limit" };
    public Option<bool> Deterministic { get; } = new("--deterministic") { Description = "Leave time and memory out of the table and files, so the same inputs give identical bytes" };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the edit-set split, corruptions and methods", DefaultValueFactory = _ => Defaults.Seed };

    /// <summary>Hidden: print the MSBuild runner's canonical diagnostics (RG3001/RG3002) after the table.</summary>
    public Option<bool> MsBuild { get; } = new("--msbuild") { Hidden = true };

    public IEnumerable<Option> ForCompare => [Model, Data, TestPrefix, TrainPrefix, TrainData, LabelColumn, Normalise, ImageShapeOption, EditSet, HeldOut,
        Methods, All, TestOnly, TimeLimit, Norm, Margin, Layer, Preserve, TestCount, Out, Formats, SaveBest, MinEfficacy, MaxDrawdown, Deterministic, Seed, MsBuild];

    public IEnumerable<Option> ForEval => [Model, Data, TestPrefix, TrainPrefix, TrainData, LabelColumn, Normalise, ImageShapeOption, EditSet, HeldOut,
        TestCount, Out, Formats, Deterministic, Seed];

    /// <summary>The validated settings. <paramref name="evalOnly"/>: the <c>eval</c> command (no methods).</summary>
    public CompareSettings Read(ParseResult parse, bool evalOnly)
    {
        var methods = evalOnly ? [] : ReadMethods(parse);
        var editText = parse.GetValue(EditSet);
        if (editText is null && methods.Count > 0) throw new BadInputException("--edit-set is required to compare repair methods, e.g. --edit-set misclassified:100");
        var spec = editText is null ? null : EditSetSpec.Parse(editText);
        var heldOut = parse.GetValue(HeldOut);
        if (!(heldOut >= 0 && heldOut < 1)) throw new BadInputException("--held-out must be a fraction in [0, 1), e.g. 0.2");
        var options = evalOnly ? Defaults with { Seed = parse.GetValue(Seed), PreservePoints = 0 } : ReadRepairOptions(parse);
        var testCount = parse.GetValue(TestCount);
        if (testCount is <= 0) throw new BadInputException("--test-count must be positive");
        var minEfficacy = evalOnly ? 0 : parse.GetValue(MinEfficacy);
        if (!(minEfficacy >= 0 && minEfficacy <= 1)) throw new BadInputException("--min-efficacy must be between 0 and 1 (1 = 100 %)");
        var maxDrawdown = evalOnly ? null : parse.GetValue(MaxDrawdown);
        if (maxDrawdown is { } d && !(d >= 0 && d <= 1)) throw new BadInputException("--max-drawdown must be between 0 and 1 (0.01 = 1 %)");
        var formats = ComparisonFormatNames.Parse(parse.GetValue(Formats) ?? "all");
        var saveBest = evalOnly ? null : parse.GetValue(SaveBest)?.FullName;
        if (saveBest is not null && !saveBest.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            throw new BadInputException("--save-best writes ONNX; give it a .onnx path", saveBest);
        var modelPath = parse.GetValue(Model)!.FullName;
        if (saveBest is not null && !modelPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            throw new BadInputException("--save-best needs an ONNX model: it writes the original graph with the repaired weights", modelPath);
        return new CompareSettings(
            modelPath,
            new DataSource(parse.GetValue(Data)!, parse.GetValue(TestPrefix)!, parse.GetValue(TrainPrefix)!, parse.GetValue(TrainData),
                new CsvLayout(parse.GetValue(LabelColumn)), parse.GetValue(Normalise) is { } n ? Normalisation.Parse(n) : null,
                parse.GetValue(ImageShapeOption) is { } s ? ImageShape.Parse(s) : null, testCount),
            spec, heldOut, methods,
            options,
            parse.GetValue(Out)?.FullName, formats, saveBest, minEfficacy, maxDrawdown, parse.GetValue(Deterministic), !evalOnly && parse.GetValue(MsBuild));
    }

    /// <summary>The repair settings (compare only; eval keeps the defaults).</summary>
    private ComparisonOptions ReadRepairOptions(ParseResult parse)
    {
        var norm = parse.GetValue(Norm)!.ToLowerInvariant() switch
        {
            "linf" => WeightNorm.LInf,
            "l1" => WeightNorm.L1,
            var other => throw new BadInputException($"--norm '{other}' is not linf or l1"),
        };
        var margin = parse.GetValue(Margin);
        if (!(margin > 0 && double.IsFinite(margin))) throw new BadInputException("--margin must be a positive number");
        var seconds = parse.GetValue(TimeLimit);
        if (!(seconds > 0 && double.IsFinite(seconds))) throw new BadInputException("--time-limit must be a positive number of seconds");
        var preserve = parse.GetValue(Preserve);
        if (preserve < 0) throw new BadInputException("--preserve cannot be negative");
        return new ComparisonOptions(TimeSpan.FromSeconds(seconds), norm, margin, parse.GetValue(Layer), preserve, parse.GetValue(Seed));
    }

    private IReadOnlyList<string> ReadMethods(ParseResult parse)
    {
        var list = parse.GetValue(Methods);
        var all = parse.GetValue(All);
        var testOnly = parse.GetValue(TestOnly);
        if ((list is not null ? 1 : 0) + (all ? 1 : 0) + (testOnly ? 1 : 0) != 1)
            throw new BadInputException("give exactly one of --methods a,b, --all or --test-only");
        if (testOnly) return [];
        if (all) return EngineCatalog.Default.Names;
        var names = list!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) throw new BadInputException("--methods: no method given");
        var resolved = new List<string>();
        foreach (var name in names)
        {
            var entry = EngineCatalog.Default.Find(name)
                ?? throw new BadInputException($"--methods: unknown method '{name}'; choose from {string.Join(", ", EngineCatalog.Default.Names)}");
            if (resolved.Contains(entry.Name, StringComparer.Ordinal)) throw new BadInputException($"--methods: '{entry.Name}' is listed twice");
            resolved.Add(entry.Name);
        }
        return resolved;
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Where the test and preserve rows come from.</summary>
internal sealed record DataSource(string Path, string TestPrefix, string TrainPrefix, string? TrainPath, CsvLayout Csv, Normalisation? Normalisation,
    ImageShape? Shape, int? TestCount);

/// <summary>Validated settings of one compare/eval run.</summary>
internal sealed record CompareSettings(string ModelPath, DataSource Data, EditSetSpec? EditSet, double HeldOut, IReadOnlyList<string> Methods,
    ComparisonOptions Options, string? OutFolder, ComparisonFormats Formats, string? SaveBest, double MinEfficacy, double? MaxDrawdown,
    bool Deterministic, bool MsBuild);
