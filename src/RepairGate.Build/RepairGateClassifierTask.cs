using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace RepairGate.Build;

/// <summary>
/// Repairs RepairGateClassifier items: for each classifier (changed since its last successful run) it launches
/// <c>repairgate compare ... --msbuild</c> out of process, which runs the listed methods on the item's edit set, writes
/// the comparison table into the report folder and the best repaired model meeting MinEfficacy/MaxDrawdown into the
/// intermediate folder, and prints RG3002 (repaired) or RG3001 (no method met the requirement).
/// </summary>
public sealed class RepairGateClassifierTask : RunnerToolTask
{
    private ClassifierItem? _current;

    /// <summary>RepairGateClassifier items; metadata Data, EditSet, Methods, HeldOut, MinEfficacy, MaxDrawdown, ... RepairedModel, ReportFolder.</summary>
    [Required] public ITaskItem[] Classifiers { get; set; } = [];

    /// <summary>The project folder: relative Data/TrainData metadata are relative to it.</summary>
    [Required] public string ProjectDirectory { get; set; } = "";

    protected override string? CurrentPath => _current?.FullPath;

    protected override string? CurrentName => _current?.ItemSpec;

    protected override string RunnerCommandLine() => ClassifierArguments.Build(RunnerDirectory, ProbingPaths, _current!);

    public override bool Execute()
    {
        var items = ReadItems();
        if (items is null) return false;
        var runnerFiles = RunnerFiles;
        foreach (var item in items)
        {
            if (Cancelled) break;
            var stampPath = GateStamp.PathFor(CacheDirectory, item.FullPath);
            var hash = GateStamp.Compute(ClassifierArguments.Settings(item), runnerFiles, [item.FullPath, .. item.DataFiles()]);
            if (GateStamp.IsCurrent(stampPath, hash) && File.Exists(item.RepairedModelPath))
            {
                Log.LogMessage(MessageImportance.High, $"RepairGate: {item.ItemSpec}, its data and settings are unchanged since its last repair; skipped");
                continue;
            }
            GateStamp.Clear(stampPath);
            // A stale model from an earlier run must not ship when this run fails.
            if (File.Exists(item.RepairedModelPath)) File.Delete(item.RepairedModelPath);
            if (!EnsureRunner()) return false;
            if (RunItem(item)) GateStamp.Write(stampPath, hash);
        }
        return !Log.HasLoggedErrors && !Cancelled;
    }

    private bool RunItem(ClassifierItem item)
    {
        _current = item;
        Log.LogMessage(MessageImportance.High, $"RepairGate: repairing {item.ItemSpec} on edit set {item.EditSet} with {item.Methods}");
        if (RunRunner() && File.Exists(item.RepairedModelPath)) return true;
        if (!CurrentFailed && !Cancelled && ExitCode == 0)
            Log.LogError(null, "RG9001", null, item.FullPath, 0, 0, 0, 0, $"the RepairGate runner wrote no repaired model for {item.ItemSpec}; run the build with -v:d for its output");
        RemoveTemporaryFiles([Path.GetDirectoryName(item.RepairedModelPath), item.ReportFolder]);
        return false;
    }

    private List<ClassifierItem>? ReadItems()
    {
        var items = new List<ClassifierItem>();
        foreach (var task in Classifiers)
        {
            var fullPath = task.GetMetadata("FullPath");
            if (!File.Exists(fullPath))
            {
                Log.LogError(null, "RG0002", null, null, 0, 0, 0, 0, $"RepairGateClassifier item '{task.ItemSpec}': the model file {fullPath} does not exist");
                continue;
            }
            var item = ClassifierItem.FromItem(task, ProjectDirectory, out var error);
            if (item is null) Log.LogError(null, "RG0002", null, fullPath, 0, 0, 0, 0, $"RepairGateClassifier item '{task.ItemSpec}': {error}");
            else items.Add(item);
        }
        return Log.HasLoggedErrors ? null : items;
    }
}
