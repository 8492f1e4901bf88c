namespace RepairGate.Core.Tests.Specs;

/// <summary>Locates test data relative to the repository root, wherever the test binaries run from.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The directory that holds RepairGate.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>An absolute path for a path given relative to the repository root.</summary>
    public static string Data(params string[] relative) => Path.Combine([RepoRoot, .. relative]);

    public static string AcasXuProperty(int number) => Data("tests", "data", "acasxu", "vnnlib", $"prop_{number}.vnnlib");

    public static string TestBenchmark(string fileName) => Data("tests", "data", "acasxu", "test_benchmark", fileName);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RepairGate.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"RepairGate.sln not found above {AppContext.BaseDirectory}");
    }
}
