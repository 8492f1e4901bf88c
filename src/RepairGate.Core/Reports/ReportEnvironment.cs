using System.Reflection;
using System.Runtime.InteropServices;

namespace RepairGate.Core.Reports;

/// <summary>Where and with what a run happened, so a result can be reproduced.</summary>
/// <param name="Tool">RepairGate's version (with the commit when the build knew it).</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="Os">Operating system description.</param>
/// <param name="Architecture">Process architecture.</param>
/// <param name="Machine">Machine name.</param>
/// <param name="ProcessorCount">Logical processors available.</param>
/// <param name="Seed">Seed of every randomised engine.</param>
/// <param name="Components">Versions of the libraries results depend on (OnnxRuntime, TorchSharp, OR-Tools), sorted by name.</param>
public sealed record ReportEnvironment(
    string Tool,
    string Runtime,
    string Os,
    string Architecture,
    string Machine,
    int ProcessorCount,
    int Seed,
    IReadOnlyDictionary<string, string> Components)
{
    /// <summary>The environment of this process.</summary>
    public static ReportEnvironment Current(int seed) => new(
        Version(typeof(ReportEnvironment).Assembly),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
        System.Environment.MachineName,
        System.Environment.ProcessorCount,
        seed,
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Google.OrTools"] = Version(typeof(Google.OrTools.LinearSolver.Solver).Assembly),
            ["Microsoft.ML.OnnxRuntime"] = Version(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly),
            ["TorchSharp"] = Version(typeof(TorchSharp.torch).Assembly),
        });

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
