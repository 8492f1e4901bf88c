using System.Globalization;

namespace RepairGate.Build.Tests;

/// <summary>
/// End to end: `dotnet build` of a copy of sample-projects/FashionMnistRepair against the packed RepairGate.Build, with a
/// smaller edit set and last-layer only so it stays short.
/// </summary>
public class ClassifierSampleBuildTests(SampleBuild sample) : IClassFixture<SampleBuild>
{
    private static string Output(string project, string file) => Path.Combine(project, "bin", "Debug", "net10.0", file);

    private static string Classifiers(string project) => Path.Combine(project, "obj", "Debug", "net10.0", "repairgate", "classifiers");

    [Fact]
    public void Build_repairs_the_classifier_ships_the_best_model_skips_unchanged_rebuilds_and_fails_with_RG3001_when_no_method_can()
    {
        var project = sample.CopySample("FashionMnistRepair");
        SampleBuild.EditProject(project, text => text
            .Replace("Methods=\"last-layer,pattern-lp\"", "Methods=\"last-layer\"")
            .Replace("MaxDrawdown=\"0.03\"", "MaxDrawdown=\"0.05\""));

        var first = SampleBuild.Build(project);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("RepairGate: repairing models/fmnist.onnx on edit set misclassified:20 with last-layer", first.Output);
        Assert.Contains("warning RG3002: fmnist.onnx repaired by last-layer: efficacy 100.00 % on 16 edit items", first.Output);
        var repaired = Output(project, "fmnist.repaired.onnx");
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(project, "models", "fmnist.onnx")), File.ReadAllBytes(repaired));
        var table = File.ReadAllText(Path.Combine(Classifiers(project), "fmnist", "comparison.md"));
        Assert.Contains("| last-layer | Repaired |", table);
        foreach (var file in new[] { "comparison.csv", "comparison.html", "comparison.json" })
            Assert.True(File.Exists(Path.Combine(Classifiers(project), "fmnist", file)), file);
        var app = SampleBuild.Run(project, Output(project, "FashionMnistRepair.dll"));
        Assert.True(app.ExitCode == 0, app.Output);
        Assert.Contains("fmnist.repaired.onnx: ", app.Output);
        Assert.Contains(" of 1000 test images classified right", app.Output);

        var second = SampleBuild.Build(project, "--no-restore");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Skipping target \"RepairGateClassifiers\" because all output files are up-to-date", second.Output);
        Assert.DoesNotContain("RepairGate: repairing", second.Output);

        // Two copies of one image with different labels: no method can satisfy both.
        var pixels = string.Join(",", Enumerable.Repeat(0.5.ToString(CultureInfo.InvariantCulture), 784));
        File.WriteAllText(Path.Combine(project, "contradicting.csv"), $"0,{pixels}\n1,{pixels}\n");
        SampleBuild.EditProject(project, text => text.Replace("EditSet=\"misclassified:20\"", "EditSet=\"file:contradicting.csv\" HeldOut=\"0\"").Replace("HeldOut=\"0.2\"", ""));
        var third = SampleBuild.Build(project, "--no-restore");
        Assert.True(third.ExitCode != 0, third.Output);
        Assert.Contains($"{Path.Combine(project, "models", "fmnist.onnx")} : error RG3001: fmnist.onnx: no repair method reached efficacy >= 100.00 % and drawdown <= 5.00 %", third.Output);
        Assert.Contains("last-layer infeasible", third.Output);
        Assert.False(File.Exists(Path.Combine(Classifiers(project), "fmnist.repaired.onnx")));
        Assert.Empty(Directory.GetFiles(project, "*.tmp", SearchOption.AllDirectories));
    }
}
