using System.Globalization;
using Microsoft.Build.Framework;

namespace RepairGate.Build;

/// <summary>One RepairGateClassifier item: a classifier to repair on an edit set, with its data and requirement.</summary>
internal sealed class ClassifierItem
{
    public string ItemSpec { get; private set; } = "";
    public string FullPath { get; private set; } = "";

    /// <summary>Test data: a folder of IDX files, an IDX prefix path or a CSV file (full path).</summary>
    public string Data { get; private set; } = "";
    public string TestPrefix { get; private set; } = "t10k";
    public string TrainPrefix { get; private set; } = "train";
    public string? TrainData { get; private set; }
    public string EditSet { get; private set; } = "";
    public string Methods { get; private set; } = "";
    public double HeldOut { get; private set; }
    public double MinEfficacy { get; private set; }
    public double MaxDrawdown { get; private set; }
    public double TimeLimitSeconds { get; private set; }
    public int Preserve { get; private set; }
    public int? TestCount { get; private set; }
    public int Seed { get; private set; }

    /// <summary>Where the best repaired model goes (intermediate folder).</summary>
    public string RepairedModelPath { get; private set; } = "";

    /// <summary>Folder of the comparison files (comparison.md/.csv/.html/.json).</summary>
    public string ReportFolder { get; private set; } = "";

    /// <summary>Reads an item (metadata defaulted by the props); null with <paramref name="error"/> when a setting is malformed.</summary>
    public static ClassifierItem? FromItem(ITaskItem item, string projectDirectory, out string? error)
    {
        error = null;
        string Meta(string name) => item.GetMetadata(name).Trim();
        string Full(string path) => Path.GetFullPath(Path.Combine(projectDirectory, path));
        var result = new ClassifierItem { ItemSpec = item.ItemSpec, FullPath = item.GetMetadata("FullPath") };
        if (Meta("Data").Length == 0) error = "Data=\"\" must name the test data: a folder of IDX files, an IDX prefix path or a CSV file";
        else if (Meta("EditSet").Length == 0) error = "EditSet=\"\" must name an edit set, e.g. misclassified:100";
        else if (Meta("Methods").Length == 0) error = "Methods=\"\" must list repair methods, e.g. last-layer,pattern-lp (or all)";
        else if (!Fraction(Meta("HeldOut"), out var heldOut) || heldOut >= 1) error = $"HeldOut=\"{Meta("HeldOut")}\" must be a fraction in [0, 1), e.g. 0.2";
        else if (!Fraction(Meta("MinEfficacy"), out var minEfficacy)) error = $"MinEfficacy=\"{Meta("MinEfficacy")}\" must be between 0 and 1 (1 = 100 %)";
        else if (!Fraction(Meta("MaxDrawdown"), out var maxDrawdown)) error = $"MaxDrawdown=\"{Meta("MaxDrawdown")}\" must be between 0 and 1 (0.01 = 1 %)";
        else if (!Number(Meta("TimeLimit"), out var seconds) || seconds <= 0) error = $"TimeLimit=\"{Meta("TimeLimit")}\" must be a positive number of seconds";
        else if (!int.TryParse(Meta("Preserve"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var preserve) || preserve < 0) error = $"Preserve=\"{Meta("Preserve")}\" must be a non-negative integer";
        else if (Meta("TestCount").Length > 0 && (!int.TryParse(Meta("TestCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) || c <= 0)) error = $"TestCount=\"{Meta("TestCount")}\" must be a positive integer";
        else if (!int.TryParse(Meta("Seed"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)) error = $"Seed=\"{Meta("Seed")}\" must be an integer";
        else
        {
            result.Data = Full(Meta("Data"));
            result.TestPrefix = Meta("TestPrefix").Length > 0 ? Meta("TestPrefix") : "t10k";
            result.TrainPrefix = Meta("TrainPrefix").Length > 0 ? Meta("TrainPrefix") : "train";
            result.TrainData = Meta("TrainData").Length > 0 ? Full(Meta("TrainData")) : null;
            // file:PATH edit sets are relative to the project, like Data.
            result.EditSet = Meta("EditSet").StartsWith("file:", StringComparison.OrdinalIgnoreCase)
                ? "file:" + Full(Meta("EditSet").Substring("file:".Length).Trim())
                : Meta("EditSet");
            result.Methods = Meta("Methods");
            result.HeldOut = heldOut;
            result.MinEfficacy = minEfficacy;
            result.MaxDrawdown = maxDrawdown;
            result.TimeLimitSeconds = seconds;
            result.Preserve = preserve;
            result.TestCount = Meta("TestCount").Length > 0 ? int.Parse(Meta("TestCount"), CultureInfo.InvariantCulture) : null;
            result.Seed = seed;
            result.RepairedModelPath = item.GetMetadata("RepairedModel");
            result.ReportFolder = item.GetMetadata("ReportFolder");
            return result;
        }
        return null;
    }

    /// <summary>The data files behind the item (for the content stamp): every file of a folder, the files of a prefix, or the file.</summary>
    public IEnumerable<string> DataFiles()
    {
        var editFile = EditSet.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? EditSet.Substring("file:".Length) : null;
        foreach (var path in new[] { Data, TrainData, editFile }.Where(p => p is not null))
        {
            if (Directory.Exists(path)) foreach (var f in Directory.GetFiles(path!, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)) yield return f;
            else if (File.Exists(path)) yield return path!;
            else if (Directory.Exists(Path.GetDirectoryName(path)))
                foreach (var f in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*").OrderBy(f => f, StringComparer.Ordinal)) yield return f;
        }
    }

    private static bool Number(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value) && !double.IsInfinity(value);

    private static bool Fraction(string text, out double value) => Number(text, out value) && value >= 0 && value <= 1;
}
