namespace RepairGate.Tests;

/// <summary>Locates the data shipped in tests/data, relative to the repository root.</summary>
internal static class TestData
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([RepoRoot, "tests", "data", .. parts]);

    public static string AcasNetwork(int a, int b) => Path("acasxu", "onnx", $"ACASXU_run2a_{a}_{b}_batch_2000.onnx");

    public static string AcasProperty(int n) => Path("acasxu", "vnnlib", $"prop_{n}.vnnlib");

    public static string TestBenchmark(string fileName) => Path("acasxu", "test_benchmark", fileName);

    public static string FashionMnist(string fileName) => Path("fmnist", fileName);

    public static string FashionMnistModel => FashionMnist("fmnist_mlp_50x2.onnx");

    public static string FashionMnistImages => FashionMnist("t10k-first100-images-idx3-ubyte.gz");

    public static string FashionMnistLabels => FashionMnist("t10k-first100-labels-idx1-ubyte.gz");

    /// <summary>IDX prefix of the first 1000 Fashion-MNIST test images (for <c>DatasetLoader.LoadAsync</c>).</summary>
    public static string FashionMnistTest1000 => FashionMnist("t10k-first1000");

    /// <summary>IDX prefix of the first 2000 Fashion-MNIST training images.</summary>
    public static string FashionMnistTrain2000 => FashionMnist("train-first2000");

    public static IEnumerable<string> AllAcasNetworks() =>
        Directory.GetFiles(Path("acasxu", "onnx"), "*.onnx").Order(StringComparer.Ordinal);

    public static string TempFolder()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "repairgate-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RepairGate.sln"))) return dir.FullName;
        throw new InvalidOperationException("RepairGate.sln not found above " + AppContext.BaseDirectory);
    }
}
