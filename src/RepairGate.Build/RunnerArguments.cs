using System.Globalization;
using Microsoft.Build.Utilities;

namespace RepairGate.Build;

/// <summary>
/// The command line that launches the runner for one model:
/// <c>exec --additionalprobingpath NUGET... RUNNER/repairgate.dll gate --model M --property P ... [--repair ...]</c>.
/// The runner's native dependencies stay in the NuGet folders, found through the probing paths.
/// </summary>
internal static class RunnerArguments
{
    public static string Build(string runnerDirectory, IEnumerable<string> probingPaths, GateModel model, string failOn, string? reportDirectory)
    {
        var builder = new CommandLineBuilder();
        builder.AppendSwitch("exec");
        AppendProbing(builder, probingPaths);
        builder.AppendFileNameIfNotNull(Path.Combine(runnerDirectory, "repairgate.dll"));
        builder.AppendSwitch("gate");
        AppendTail(builder, model, failOn, reportDirectory);
        return builder.ToString();
    }

    /// <summary><c>exec ... PACKAGE/tools/runner/repairgate.dll runner-install --to DIR</c>.</summary>
    public static string Install(string runnerSource, IEnumerable<string> probingPaths, string runnerDirectory)
    {
        var builder = new CommandLineBuilder();
        builder.AppendSwitch("exec");
        AppendProbing(builder, probingPaths);
        builder.AppendFileNameIfNotNull(Path.Combine(runnerSource, "repairgate.dll"));
        builder.AppendSwitch("runner-install");
        builder.AppendSwitchIfNotNull("--to ", runnerDirectory.TrimEnd('/', '\\'));
        return builder.ToString();
    }

    /// <summary>The settings part only (no paths of the runner or NuGet folders): what the content stamp hashes.</summary>
    public static string Settings(GateModel model, string failOn, string? reportDirectory)
    {
        var builder = new CommandLineBuilder();
        AppendTail(builder, model, failOn, reportDirectory);
        return builder.ToString();
    }

    private static void AppendTail(CommandLineBuilder builder, GateModel model, string failOn, string? reportDirectory)
    {
        builder.AppendSwitchIfNotNull("--model ", model.FullPath);
        foreach (var property in model.PropertyFiles)
            builder.AppendSwitchIfNotNull("--property ", property);
        builder.AppendSwitchIfNotNull("--timeout ", Number(model.TimeoutSeconds));
        builder.AppendSwitchIfNotNull("--seed ", model.Seed.ToString(CultureInfo.InvariantCulture));
        builder.AppendSwitchIfNotNull("--fail-on ", failOn);
        if (!string.IsNullOrEmpty(reportDirectory)) builder.AppendSwitchIfNotNull("--report-dir ", reportDirectory!.TrimEnd('/', '\\'));
        if (model.Repair)
        {
            builder.AppendSwitch("--repair");
            builder.AppendSwitchIfNotNull("--repair-engine ", model.RepairEngine);
            builder.AppendSwitchIfNotNull("--max-drawdown ", Number(model.MaxDrawdown));
            builder.AppendSwitchIfNotNull("--decision ", model.Decision);
            builder.AppendSwitchIfNotNull("--patched-out ", model.PatchedModelPath);
        }
    }

    private static void AppendProbing(CommandLineBuilder builder, IEnumerable<string> probingPaths)
    {
        foreach (var path in probingPaths.Where(p => !string.IsNullOrWhiteSpace(p)))
            builder.AppendSwitchIfNotNull("--additionalprobingpath ", path.Trim().TrimEnd('/', '\\'));
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
