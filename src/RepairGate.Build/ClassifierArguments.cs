using System.Globalization;
using Microsoft.Build.Utilities;

namespace RepairGate.Build;

/// <summary>
/// The runner command line for one classifier: <c>exec --additionalprobingpath NUGET... RUNNER/repairgate.dll compare
/// --model M --data D ... --save-best REPAIRED --out REPORTS --msbuild</c>.
/// </summary>
internal static class ClassifierArguments
{
    public static string Build(string runnerDirectory, IEnumerable<string> probingPaths, ClassifierItem item)
    {
        var builder = new CommandLineBuilder();
        builder.AppendSwitch("exec");
        foreach (var path in probingPaths.Where(p => !string.IsNullOrWhiteSpace(p)))
            builder.AppendSwitchIfNotNull("--additionalprobingpath ", path.Trim().TrimEnd('/', '\\'));
        builder.AppendFileNameIfNotNull(Path.Combine(runnerDirectory, "repairgate.dll"));
        builder.AppendSwitch("compare");
        AppendTail(builder, item);
        return builder.ToString();
    }

    /// <summary>The settings part only (no runner or NuGet paths): what the content stamp hashes.</summary>
    public static string Settings(ClassifierItem item)
    {
        var builder = new CommandLineBuilder();
        AppendTail(builder, item);
        return builder.ToString();
    }

    private static void AppendTail(CommandLineBuilder builder, ClassifierItem item)
    {
        builder.AppendSwitchIfNotNull("--model ", item.FullPath);
        builder.AppendSwitchIfNotNull("--data ", item.Data);
        builder.AppendSwitchIfNotNull("--test-prefix ", item.TestPrefix);
        builder.AppendSwitchIfNotNull("--train-prefix ", item.TrainPrefix);
        builder.AppendSwitchIfNotNull("--train-data ", item.TrainData);
        builder.AppendSwitchIfNotNull("--edit-set ", item.EditSet);
        if (string.Equals(item.Methods, "all", StringComparison.OrdinalIgnoreCase)) builder.AppendSwitch("--all");
        else builder.AppendSwitchIfNotNull("--methods ", item.Methods);
        builder.AppendSwitchIfNotNull("--held-out ", Number(item.HeldOut));
        builder.AppendSwitchIfNotNull("--min-efficacy ", Number(item.MinEfficacy));
        builder.AppendSwitchIfNotNull("--max-drawdown ", Number(item.MaxDrawdown));
        builder.AppendSwitchIfNotNull("--time-limit ", Number(item.TimeLimitSeconds));
        builder.AppendSwitchIfNotNull("--preserve ", item.Preserve.ToString(CultureInfo.InvariantCulture));
        if (item.TestCount is { } count) builder.AppendSwitchIfNotNull("--test-count ", count.ToString(CultureInfo.InvariantCulture));
        builder.AppendSwitchIfNotNull("--seed ", item.Seed.ToString(CultureInfo.InvariantCulture));
        builder.AppendSwitchIfNotNull("--out ", item.ReportFolder.TrimEnd('/', '\\'));
        builder.AppendSwitchIfNotNull("--save-best ", item.RepairedModelPath);
        builder.AppendSwitch("--msbuild");
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
