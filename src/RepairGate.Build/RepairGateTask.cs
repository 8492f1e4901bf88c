using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace RepairGate.Build;

/// <summary>
/// Gates NeuralNetwork items: for each model (in this shard, and changed since its last successful gate) it launches
/// the <c>repairgate gate</c> runner out of process with <c>dotnet exec</c>, streams its output into the build log and
/// turns its diagnostics into MSBuild errors and warnings. Solvers and native libraries never load into MSBuild.
/// Cancelling the build kills the runner (ToolTask kills the process tree); the runner writes outputs atomically.
/// </summary>
public sealed class RepairGateTask : ToolTask
{
    private GateModel? _current;
    private bool _currentFailed;
    private volatile bool _cancelled;
    private bool _installing;

    /// <summary>NeuralNetwork items; metadata Repair, RepairEngine, MaxDrawdown, Timeout, Seed, PatchedModel, Properties.</summary>
    [Required] public ITaskItem[] Models { get; set; } = [];

    /// <summary>Property files, each with metadata Model = the full path of the model it belongs to.</summary>
    public ITaskItem[] PropertyFiles { get; set; } = [];

    /// <summary>The runner as shipped in the package (tools/runner): read-only, never modified.</summary>
    [Required] public string RunnerSource { get; set; } = "";

    /// <summary>The writable runner this task installs from <see cref="RunnerSource"/> on first use (runner-install).</summary>
    [Required] public string RunnerDirectory { get; set; } = "";

    /// <summary>NuGet package folders where the runner's dependencies are restored.</summary>
    public string[] ProbingPaths { get; set; } = [];

    /// <summary>violation (default), unknown or never.</summary>
    public string FailOn { get; set; } = "violation";

    /// <summary>False turns repair off for every item (verify only).</summary>
    public bool RepairEnabled { get; set; } = true;

    /// <summary>i/n, or empty for all models.</summary>
    public string Shard { get; set; } = "";

    public string ReportDirectory { get; set; } = "";

    /// <summary>Folder of the per-model content stamps.</summary>
    [Required] public string CacheDirectory { get; set; } = "";

    /// <summary>The dotnet host (DOTNET_HOST_PATH); "dotnet" on PATH when empty.</summary>
    public string DotnetHost { get; set; } = "";

    /// <summary>Gated model files (the patched or verified copies) to copy to the output folder.</summary>
    [Output] public ITaskItem[] GatedModels { get; private set; } = [];

    protected override string ToolName => "dotnet";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    protected override string GenerateFullPathToTool() => string.IsNullOrEmpty(DotnetHost) ? ToolName : DotnetHost;

    protected override string GenerateCommandLineCommands() => _installing
        ? RunnerArguments.Install(RunnerSource, ProbingPaths, RunnerDirectory)
        : RunnerArguments.Build(RunnerDirectory, ProbingPaths, _current!, FailOn, NullIfEmpty(ReportDirectory));

    public override bool Execute()
    {
        var failOn = FailOn.Trim().ToLowerInvariant();
        if (failOn is not ("violation" or "unknown" or "never"))
        {
            Log.LogError(null, "RG0002", null, null, 0, 0, 0, 0, $"RepairGateFailOn=\"{FailOn}\" must be violation, unknown or never");
            return false;
        }
        FailOn = failOn;
        if (!GateShard.TryParse(Shard, out var shard))
        {
            Log.LogError(null, "RG0002", null, null, 0, 0, 0, 0, $"RepairGateShard=\"{Shard}\" must be i/n with 1 <= i <= n, e.g. 2/4");
            return false;
        }

        var models = ReadModels();
        if (models is null) return false;
        var runnerFiles = new[] { "repairgate.dll", "RepairGate.Core.dll" }.Select(f => Path.Combine(RunnerSource, f)).ToArray();
        var gated = new List<ITaskItem>();
        for (var i = 0; i < models.Count && !_cancelled; i++)
        {
            var model = models[i];
            if (!shard.Includes(i))
            {
                Log.LogMessage(MessageImportance.Normal, $"RepairGate: {model.ItemSpec} belongs to another shard than {shard}; skipped");
                continue;
            }
            var stampPath = GateStamp.PathFor(CacheDirectory, model);
            var hash = GateStamp.Compute(model, RunnerArguments.Settings(model, FailOn, NullIfEmpty(ReportDirectory)), runnerFiles);
            if (GateStamp.IsCurrent(stampPath, hash) && (!model.Repair || File.Exists(model.PatchedModelPath)))
            {
                Log.LogMessage(MessageImportance.High, $"RepairGate: {model.ItemSpec} and its properties are unchanged since its last gate; skipped");
            }
            else
            {
                GateStamp.Clear(stampPath);
                if (!EnsureRunner()) return false;
                if (!RunModel(model)) continue;
                GateStamp.Write(stampPath, hash);
            }
            if (model.Repair && File.Exists(model.PatchedModelPath))
            {
                var item = new TaskItem(model.PatchedModelPath);
                item.SetMetadata("SourceModel", model.ItemSpec);
                gated.Add(item);
            }
        }
        GatedModels = gated.ToArray();
        return !Log.HasLoggedErrors && !_cancelled;
    }

    public override void Cancel()
    {
        _cancelled = true;
        base.Cancel();
    }

    /// <summary>Installs the writable runner once (its folder appears atomically, complete or not at all).</summary>
    private bool EnsureRunner()
    {
        if (File.Exists(Path.Combine(RunnerDirectory, "repairgate.dll"))) return true;
        _installing = true;
        _currentFailed = false;
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

    /// <summary>Runs the runner for one model; true when it passed.</summary>
    private bool RunModel(GateModel model)
    {
        _current = model;
        _currentFailed = false;
        Log.LogMessage(MessageImportance.High, $"RepairGate: gating {model.ItemSpec} against {model.PropertyFiles.Count} propert{(model.PropertyFiles.Count == 1 ? "y" : "ies")}{(model.Repair ? " (repair on)" : "")}");
        var ok = base.Execute();
        if (ok && ExitCode == 0 && !_currentFailed) return true;
        RemoveTemporaryFiles(model);
        return false;
    }

    /// <summary>A failing runner has already said why (its diagnostics); only a silent failure needs RG9001.</summary>
    protected override bool HandleTaskExecutionErrors()
    {
        if (!_cancelled && !_currentFailed && !_installing)
            Log.LogError(null, "RG9001", null, _current?.FullPath, 0, 0, 0, 0,
                $"the RepairGate runner exited with code {ExitCode}{(_current is null ? "" : " for " + _current.ItemSpec)} without a diagnostic; run the build with -v:d for its output");
        return false;
    }

    /// <summary>A killed runner cannot clean up: remove its temporary siblings (AtomicFile's .NAME.PID.GUID.tmp).</summary>
    private void RemoveTemporaryFiles(GateModel model)
    {
        var folders = new[] { model.Repair ? Path.GetDirectoryName(model.PatchedModelPath) : null, NullIfEmpty(ReportDirectory) };
        foreach (var folder in folders.Where(f => f is not null && Directory.Exists(f)).Distinct())
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

    private List<GateModel>? ReadModels()
    {
        var models = new List<GateModel>();
        foreach (var item in Models)
        {
            var fullPath = item.GetMetadata("FullPath");
            var properties = PropertyFiles
                .Where(p => string.Equals(p.GetMetadata("Model"), fullPath, StringComparison.Ordinal))
                .Select(p => p.GetMetadata("FullPath"))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (!File.Exists(fullPath))
            {
                Log.LogError(null, "RG0002", null, null, 0, 0, 0, 0, $"NeuralNetwork item '{item.ItemSpec}': the model file {fullPath} does not exist");
                continue;
            }
            var model = GateModel.FromItem(item, properties, RepairEnabled, out var error);
            if (model is null) Log.LogError(null, "RG0002", null, fullPath, 0, 0, 0, 0, $"NeuralNetwork item '{item.ItemSpec}': {error}");
            else models.Add(model);
        }
        return Log.HasLoggedErrors ? null : models;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
