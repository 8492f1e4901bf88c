using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;

namespace RepairGate.Cli.Tests;

public class RepairCommandTests
{
    private static readonly string SatModel = TestData.TestBenchmark("test_sat.onnx");
    private static readonly string UnsatModel = TestData.TestBenchmark("test_unsat.onnx");
    private static readonly string Property = TestData.TestBenchmark("test_prop.vnnlib");

    private static string OutPath() => Path.Combine(TestData.TempFolder(), "patched.onnx");

    [Fact]
    public async Task Repairs_a_violated_property_and_the_written_model_verifies_independently()
    {
        var original = File.ReadAllBytes(SatModel);
        var output = OutPath();
        var run = await CliRun.InProcessAsync("repair", "--model", SatModel, "--property", Property, "--out", output, "--test-points", "500");

        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.Equal("repaired", run.FirstLine);
        Assert.Contains("patched model: ", run.Output);
        Assert.Equal(original, File.ReadAllBytes(SatModel));

        // A separate verify of the written file, by the ordinary command: the property now holds.
        var verify = await CliRun.InProcessAsync("verify", "--model", output, "--property", Property);
        Assert.Equal(ExitCodes.Holds, verify.ExitCode);
        Assert.Equal("unsat", verify.FirstLine);
    }

    [Fact]
    public async Task Report_folder_gets_the_repair_section_in_every_format()
    {
        var folder = TestData.TempFolder();
        var output = Path.Combine(folder, "patched.onnx");
        var reports = Path.Combine(folder, "reports");
        var run = await CliRun.InProcessAsync("repair", "--model", SatModel, "--property", Property, "--out", output, "--test-points", "500", "--report", reports);

        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        var json = File.ReadAllText(Path.Combine(reports, "report.json"));
        Assert.Contains("\"status\": \"repaired\"", json);
        Assert.Contains("\"finalVerdict\": \"unsat\"", json);
        Assert.Contains("patched.onnx", json);
        Assert.Contains("repaired", File.ReadAllText(Path.Combine(reports, "summary.md")));
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(reports, "report.html")));
        Assert.True(File.Exists(Path.Combine(reports, "junit.xml")));
    }

    [Fact]
    public async Task A_property_that_already_holds_exits_zero_and_writes_nothing()
    {
        var output = OutPath();
        var run = await CliRun.InProcessAsync("repair", "--model", UnsatModel, "--property", Property, "--out", output);

        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.Equal("holds", run.FirstLine);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task An_impossible_repair_exits_one_and_writes_nothing()
    {
        var output = OutPath();
        var run = await CliRun.InProcessAsync("repair", "--model", SatModel, "--property", Property, "--out", output,
            "--engine", "last-layer", "--points-only", "--max-change", "1e-9", "--max-iterations", "1");

        Assert.Equal(ExitCodes.Violated, run.ExitCode);
        Assert.Equal("failed", run.FirstLine);
        Assert.Contains("conflicting", run.Output);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Refuses_to_overwrite_the_input_model()
    {
        var folder = TestData.TempFolder();
        var model = Path.Combine(folder, "model.onnx");
        File.Copy(SatModel, model);
        var run = await CliRun.InProcessAsync("repair", "--model", model, "--property", Property, "--out", model);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("refusing to overwrite", run.Error);
        Assert.Equal(File.ReadAllBytes(SatModel), File.ReadAllBytes(model));
    }

    [Theory]
    [InlineData("--norm", "l3", "--norm 'l3'")]
    [InlineData("--engine", "magic", "--engine 'magic'")]
    [InlineData("--layer", "7", "--layer 7 is out of range")]
    [InlineData("--margin", "0", "--margin must be positive")]
    public async Task Bad_options_are_bad_input(string option, string value, string message)
    {
        var run = await CliRun.InProcessAsync("repair", "--model", SatModel, "--property", Property, "--out", OutPath(), option, value);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Missing_property_file_is_bad_input()
    {
        var run = await CliRun.InProcessAsync("repair", "--model", SatModel, "--property", "missing.vnnlib", "--out", OutPath());

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("missing.vnnlib", run.Error);
    }

    /// <summary>The acceptance case, end to end (the README's figures come from the full run with kept properties).</summary>
    [Fact]
    public async Task Acas_2_9_prop_8_is_repaired_and_its_counterexample_is_gone_in_OnnxRuntime()
    {
        var output = OutPath();
        var run = await CliRun.InProcessAsync("repair", "--model", TestData.AcasNetwork(2, 9), "--property", TestData.AcasProperty(8),
            "--out", output, "--engine", "last-layer", "--test-points", "1000");

        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.Equal("repaired", run.FirstLine);
        var property = await VnnLibParser.LoadAsync(TestData.AcasProperty(8), TestContext.Current.CancellationToken);
        var patched = await OnnxModelLoader.LoadAsync(output, TestContext.Current.CancellationToken);
        using var runtime = OnnxRuntimeOracle.For(patched);
        // The counterexample the verifier reports for the original network.
        float[] x = [-0.107501522f, -0.487460464f, -0.0111458385f, 0.232698396f, 0.253569514f];
        var y = runtime.Run(x).Select(v => (double)v).ToArray();
        Assert.False(property.IsCounterexample(x.Select(v => (double)v).ToArray(), y, out _));
    }
}
