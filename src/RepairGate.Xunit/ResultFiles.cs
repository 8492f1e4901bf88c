using RepairGate.Core;

namespace RepairGate.Xunit;

/// <summary>
/// Where the extension writes VNN-COMP result files and repaired models: <c>REPAIRGATE_RESULTS_DIR</c> when set,
/// otherwise <c>repairgate-results</c> in the test output folder. Files are written atomically and never over an input.
/// </summary>
public static class ResultFiles
{
    /// <summary>The folder result files go to.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("REPAIRGATE_RESULTS_DIR") is { Length: > 0 } configured
            ? TestPaths.Resolve(configured)
            : Path.Combine(TestPaths.BaseDirectory, "repairgate-results");

    /// <summary><c>DIR/&lt;model&gt;__&lt;property&gt;&lt;suffix&gt;</c>, as <c>repairgate bench</c> names its files.</summary>
    public static string PathFor(string modelName, string propertyName, string suffix) =>
        Path.Combine(Directory, $"{modelName}__{propertyName}{suffix}");

    internal static void WriteText(string path, string text, IReadOnlyCollection<string> inputs)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, text, inputs);
    }

    internal static void WriteBytes(string path, byte[] bytes, IReadOnlyCollection<string> inputs)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllBytesAsync(path, bytes, inputs).GetAwaiter().GetResult();
    }
}
