using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace RepairGate.Build;

/// <summary>
/// Repairs RepairGateClassifier items: for each classifier (changed since its last successful run) it launches
/// <c>repairgate compare ... --msbuild</c> out of process, which runs the listed methods on the item's edit set, writes
/// the comparison table into the report folder and the best repaired model meeting MinEfficacy/MaxDrawdown into the
/// intermediate folder, and prints RG3002 (repaired) or RG3001 (no method met the requirement).
/// </summary>
public sealed class RepairGateClassifierTask : ToolTask
{
    private ClassifierItem? _current;
    private bool _currentFailed;
    private volatile bool _cancelled;
    private bool _installing;

    /// <summary>RepairGateClassifier items; metadata Data, EditSet, Methods, HeldOut, MinEfficacy, MaxDrawdown, ... RepairedModel, ReportFolder.</summary>
    [Required] public ITaskItem[] Classifiers { get; set; } = [];

    /// <summary>The project folder: relative Data/TrainData metadata are relative to it.</summary>
    [Required] public string ProjectDirectory { get; set; } = "";

    /// <summary>The runner as shipped in the package (tools/runner): read-only.</summary>
    [Required] public string RunnerSource { get; set; } = "";

    /// <summary>The writable runner installed from <see cref="RunnerSource"/> on first use (shared with the gate).</summary>
    [Required] public string RunnerDirectory { get; set; } = "";

    public string[] ProbingPaths { get; set; } = [];

    /// <summary>Folder of the per-item content stamps.</summary>
    [Required] public string CacheDirectory { get; set; } = "";

    public string DotnetHost { get; set; } = "";

    protected override string ToolName => "dotnet";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    protected override string GenerateFullPathToTool() => string.IsNullOrEmpty(DotnetHost) ? ToolName : DotnetHost;

    protected override string GenerateCommandLineCommands() => _installing
        ? RunnerArguments.Install(RunnerSource, ProbingPaths, RunnerDirectory)
        : ClassifierArguments.Build(RunnerDirectory, ProbingPaths, _current!);

    public override bool Execute()
    {
        var items = ReadItems();
        if (items is null) return false;
        var runnerFiles = new[] { "repairgate.dll", "RepairGate.Core.dll" }.Select(f => Path.Combine(RunnerSource, f)).ToArray();
        foreach (var item in items)
        {
            if (_cancelled) break;
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
        return !Log.HasLoggedErrors && !_cancelled;
    }

    public override void Cancel()
    {
        _cancelled = true;
        base.Cancel();
    }

    private bool EnsureRunner()
    {
        if (File.Exists(Path.Combine(RunnerDirectory, "repairgate.dll"))) return true;
        _installing = true;
        try
        {
            Log.LogMessage(MessageImportance.Normal, $"RepairGate: installing the runner in {RunnerDirectory}");
            var ok = base.Execute() && ExitCode == 0 && File.Exists(Path.Combine(RunnerDirectory, "repairgate.dll"));
            if (!ok && !_cancelled && !Log.HasLoggedErrors)
                Log.LogError(null, "RG9002", null, null, 0, 0, 0, 0, $"could not install the RepairGate runner from {RunnerSource} into {RunnerDirectory} (exit code {ExitCode})");
            return ok;
        }
        finally
        {
            _installing = false;
        }
    }

    private bool RunItem(ClassifierItem item)
    {
        _current = item;
        _currentFailed = false;
        Log.LogMessage(MessageImportance.High, $"RepairGate: repairing {item.ItemSpec} on edit set {item.EditSet} with {item.Methods}");
        var ok = base.Execute();
        if (ok && ExitCode == 0 && !_currentFailed && File.Exists(item.RepairedModelPath)) return true;
        if (!_currentFailed && !_cancelled && ExitCode == 0)
            Log.LogError(null, "RG9001", null, item.FullPath, 0, 0, 0, 0, $"the RepairGate runner wrote no repaired model for {item.ItemSpec}; run the build with -v:d for its output");
        RemoveTemporaryFiles(item);
        return false;
    }

    protected override bool HandleTaskExecutionErrors()
    {
        if (!_cancelled && !_currentFailed && !_installing)
            Log.LogError(null, "RG9001", null, _current?.FullPath, 0, 0, 0, 0,
                $"the RepairGate runner exited with code {ExitCode}{(_current is null ? "" : " for " + _current.ItemSpec)} without a diagnostic; run the build with -v:d for its output");
        return false;
    }

    private static void RemoveTemporaryFiles(ClassifierItem item)
    {
        foreach (var folder in new[] { Path.GetDirectoryName(item.RepairedModelPath), item.ReportFolder }.Where(f => !string.IsNullOrEmpty(f) && Directory.Exists(f)).Distinct())
            foreach (var temp in Directory.GetFiles(folder!, ".*.tmp"))
                File.Delete(temp);
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        var line = RunnerOutputParser.Parse(singleLine);
        var file = line.File ?? _current?.FullPath;
        switch (line.Kind)
        {
            case RunnerLineKind.Error:
                _currentFailed = true;
                Log.LogError(null, line.Code, null, file, line.Line, line.Column, 0, 0, line.Text);
                break;
            case RunnerLineKind.Warning:
                Log.LogWarning(null, line.Code, null, file, line.Line, line.Column, 0, 0, line.Text);
                break;
            default:
                Log.LogMessage(messageImportance, "RepairGate: " + line.Text);
                break;
        }
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
