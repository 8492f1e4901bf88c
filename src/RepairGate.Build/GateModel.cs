using System.Globalization;
using Microsoft.Build.Framework;

namespace RepairGate.Build;

/// <summary>One NeuralNetwork item with its resolved property files and settings, as the task hands it to the runner.</summary>
internal sealed class GateModel
{
    public GateModel(string itemSpec, string fullPath, IReadOnlyList<string> propertyFiles, bool repair, string repairEngine,
        double maxDrawdown, double timeoutSeconds, int seed, string patchedModelPath, string decision = "argmax")
    {
        ItemSpec = itemSpec;
        FullPath = fullPath;
        PropertyFiles = propertyFiles;
        Repair = repair;
        RepairEngine = repairEngine;
        MaxDrawdown = maxDrawdown;
        TimeoutSeconds = timeoutSeconds;
        Seed = seed;
        PatchedModelPath = patchedModelPath;
        Decision = decision;
    }

    /// <summary>The path as written in the project, e.g. <c>models/acas_2_9.onnx</c>.</summary>
    public string ItemSpec { get; }
    public string FullPath { get; }
    public IReadOnlyList<string> PropertyFiles { get; }
    public bool Repair { get; }
    public string RepairEngine { get; }
    public double MaxDrawdown { get; }

    /// <summary>Which output is the model's decision for MaxDrawdown: <c>argmax</c> (classifiers) or <c>argmin</c> (ACAS Xu advisories).</summary>
    public string Decision { get; }
    public double TimeoutSeconds { get; }
    public int Seed { get; }

    /// <summary>Where the gated model goes (intermediate folder); written only when <see cref="Repair"/> is on.</summary>
    public string PatchedModelPath { get; }

    /// <summary>
    /// Reads a NeuralNetwork item (metadata already defaulted by the targets). Returns null, with a message in
    /// <paramref name="error"/>, when a setting is malformed.
    /// </summary>
    public static GateModel? FromItem(ITaskItem item, IReadOnlyList<string> propertyFiles, bool repairEnabled, out string? error)
    {
        error = null;
        var repairText = item.GetMetadata("Repair");
        if (!TryBool(repairText, out var repair)) error = $"Repair=\"{repairText}\" must be true or false";
        else if (!TryNumber(item.GetMetadata("MaxDrawdown"), out var drawdown) || drawdown < 0 || drawdown > 1)
            error = $"MaxDrawdown=\"{item.GetMetadata("MaxDrawdown")}\" must be a number between 0 and 1 (0.005 = 0.5 %)";
        else if (!TryNumber(item.GetMetadata("Timeout"), out var timeout) || timeout <= 0)
            error = $"Timeout=\"{item.GetMetadata("Timeout")}\" must be a positive number of seconds";
        else if (!int.TryParse(item.GetMetadata("Seed"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
            error = $"Seed=\"{item.GetMetadata("Seed")}\" must be an integer";
        else if (Value(item.GetMetadata("Decision"), "argmax").ToLowerInvariant() is not ("argmax" or "argmin"))
            error = $"Decision=\"{item.GetMetadata("Decision")}\" must be argmax or argmin";
        else if (propertyFiles.Count == 0)
            error = $"Properties=\"{item.GetMetadata("Properties")}\" matches no property file";
        else
            return new GateModel(item.ItemSpec, item.GetMetadata("FullPath"), propertyFiles, repair && repairEnabled,
                Value(item.GetMetadata("RepairEngine"), "auto"), drawdown, timeout, seed, item.GetMetadata("PatchedModel"),
                Value(item.GetMetadata("Decision"), "argmax").ToLowerInvariant());
        return null;
    }

    private static bool TryBool(string text, out bool value)
    {
        value = false;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return bool.TryParse(text.Trim(), out value);
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);

    private static string Value(string text, string fallback) => string.IsNullOrWhiteSpace(text) ? fallback : text.Trim();
}
