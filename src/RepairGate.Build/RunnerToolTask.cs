using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace RepairGate.Build;

/// <summary>
/// What the RepairGate tasks share: they launch the out-of-process runner with <c>dotnet exec</c> (installing it once
/// into a writable folder), stream its output into the build log and turn its canonical diagnostics into MSBuild
/// errors and warnings. Solvers and native libraries never load into MSBuild.
/// </summary>
public abstract class RunnerToolTask : ToolTask
{
    private volatile bool _cancelled;
    private bool _installing;

    /// <summary>The runner as shipped in the package (tools/runner): read-only, never modified.</summary>
    [Required] public string RunnerSource { get; set; } = "";

    /// <summary>The writable runner installed from <see cref="RunnerSource"/> on first use (runner-install); shared by the tasks.</summary>
    [Required] public string RunnerDirectory { get; set; } = "";

    /// <summary>NuGet package folders where the runner's dependencies are restored.</summary>
    public string[] ProbingPaths { get; set; } = [];

    /// <summary>Folder of the per-item content stamps.</summary>
    [Required] public string CacheDirectory { get; set; } = "";

    /// <summary>The dotnet host (DOTNET_HOST_PATH); "dotnet" on PATH when empty.</summary>
    public string DotnetHost { get; set; } = "";

    protected bool Cancelled => _cancelled;

    /// <summary>True once the runner reported an error for the current item (it has said why).</summary>
    protected bool CurrentFailed { get; set; }

    /// <summary>The item being run, for diagnostics without a file of their own.</summary>
    protected abstract string? CurrentPath { get; }

    protected abstract string? CurrentName { get; }

    /// <summary>The runner's arguments for the current item.</summary>
    protected abstract string RunnerCommandLine();

    protected override string ToolName => "dotnet";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    protected override string GenerateFullPathToTool() => string.IsNullOrEmpty(DotnetHost) ? ToolName : DotnetHost;

    protected override string GenerateCommandLineCommands() => _installing
        ? RunnerArguments.Install(RunnerSource, ProbingPaths, RunnerDirectory)
        : RunnerCommandLine();

    /// <summary>The runner files whose change invalidates every stamp.</summary>
    protected string[] RunnerFiles => new[] { "repairgate.dll", "RepairGate.Core.dll" }.Select(f => Path.Combine(RunnerSource, f)).ToArray();

    public override void Cancel()
    {
        _cancelled = true;
        base.Cancel();
    }

    /// <summary>Installs the writable runner once (its folder appears atomically, complete or not at all).</summary>
    protected bool EnsureRunner()
    {
        if (File.Exists(Path.Combine(RunnerDirectory, "repairgate.dll"))) return true;
        _installing = true;
        CurrentFailed = false;
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

    /// <summary>Runs the runner for the current item; true when it exited 0 without reporting an error.</summary>
    protected bool RunRunner()
    {
        CurrentFailed = false;
        return base.Execute() && ExitCode == 0 && !CurrentFailed;
    }

    /// <summary>A failing runner has already said why (its diagnostics); only a silent failure needs RG9001.</summary>
    protected override bool HandleTaskExecutionErrors()
    {
        if (!_cancelled && !CurrentFailed && !_installing)
            Log.LogError(null, "RG9001", null, CurrentPath, 0, 0, 0, 0,
                $"the RepairGate runner exited with code {ExitCode}{(CurrentName is null ? "" : " for " + CurrentName)} without a diagnostic; run the build with -v:d for its output");
        return false;
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        var line = RunnerOutputParser.Parse(singleLine);
        var file = line.File ?? CurrentPath;
        switch (line.Kind)
        {
            case RunnerLineKind.Error:
                CurrentFailed = true;
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

    /// <summary>A killed runner cannot clean up: remove its temporary siblings (AtomicFile's .NAME.PID.GUID.tmp).</summary>
    protected static void RemoveTemporaryFiles(IEnumerable<string?> folders)
    {
        foreach (var folder in folders.Where(f => !string.IsNullOrEmpty(f) && Directory.Exists(f)).Distinct())
            foreach (var temp in Directory.GetFiles(folder!, ".*.tmp"))
                File.Delete(temp);
    }
}
