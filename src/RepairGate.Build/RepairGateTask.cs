using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace RepairGate.Build;

/// <summary>
/// Gates NeuralNetwork items: for each model (in this shard, and changed since its last successful gate) it launches
/// the <c>repairgate gate</c> runner out of process with <c>dotnet exec</c>, streams its output into the build log and
/// turns its diagnostics into MSBuild errors and warnings. Solvers and native libraries never load into MSBuild.
/// Cancelling the build kills the runner (ToolTask kills the process tree); the runner writes outputs atomically.
/// </summary>
public sealed class RepairGateTask : RunnerToolTask
{
    private GateModel? _current;

    /// <summary>NeuralNetwork items; metadata Repair, RepairEngine, MaxDrawdown, Timeout, Seed, PatchedModel, Properties.</summary>
    [Required] public ITaskItem[] Models { get; set; } = [];

    /// <summary>Property files, each with metadata Model = the full path of the model it belongs to.</summary>
    public ITaskItem[] PropertyFiles { get; set; } = [];

    /// <summary>violation (default), unknown or never.</summary>
    public string FailOn { get; set; } = "violation";

    /// <summary>False turns repair off for every item (verify only).</summary>
    public bool RepairEnabled { get; set; } = true;

    /// <summary>i/n, or empty for all models.</summary>
    public string Shard { get; set; } = "";

    public string ReportDirectory { get; set; } = "";

    /// <summary>Gated model files (the patched or verified copies) to copy to the output folder.</summary>
    [Output] public ITaskItem[] GatedModels { get; private set; } = [];

    protected override string? CurrentPath => _current?.FullPath;

    protected override string? CurrentName => _current?.ItemSpec;

    protected override string RunnerCommandLine() => RunnerArguments.Build(RunnerDirectory, ProbingPaths, _current!, FailOn, NullIfEmpty(ReportDirectory));

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
        var runnerFiles = RunnerFiles;
        var gated = new List<ITaskItem>();
        for (var i = 0; i < models.Count && !Cancelled; i++)
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
        return !Log.HasLoggedErrors && !Cancelled;
    }

    /// <summary>Runs the runner for one model; true when it passed.</summary>
    private bool RunModel(GateModel model)
    {
        _current = model;
        Log.LogMessage(MessageImportance.High, $"RepairGate: gating {model.ItemSpec} against {model.PropertyFiles.Count} propert{(model.PropertyFiles.Count == 1 ? "y" : "ies")}{(model.Repair ? " (repair on)" : "")}");
        if (RunRunner()) return true;
        RemoveTemporaryFiles([model.Repair ? Path.GetDirectoryName(model.PatchedModelPath) : null, NullIfEmpty(ReportDirectory)]);
        return false;
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
