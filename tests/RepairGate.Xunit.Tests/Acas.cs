namespace RepairGate.Xunit.Tests;

/// <summary>The files the project copies to its output folder (see the .csproj), by their relative paths.</summary>
internal static class Acas
{
    public const string Net11 = "models/ACASXU_run2a_1_1_batch_2000.onnx";
    public const string Net29 = "models/ACASXU_run2a_2_9_batch_2000.onnx";
    public const string Net29Name = "ACASXU_run2a_2_9_batch_2000";

    public static string Prop(int n) => $"specs/prop_{n}.vnnlib";

    /// <summary>A fresh copy of a file in a temporary folder, so a test gets cache entries of its own.</summary>
    public static string CopyToTemp(string relativePath)
    {
        var copy = Path.Combine(TestData.TempFolder(), Path.GetFileName(relativePath));
        File.Copy(TestPaths.Resolve(relativePath), copy);
        return copy;
    }
}
