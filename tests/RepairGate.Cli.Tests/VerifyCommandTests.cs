namespace RepairGate.Cli.Tests;

public class VerifyCommandTests
{
    private static string Model(string name) => TestData.Path("acasxu", "onnx", $"ACASXU_run2a_{name}_batch_2000.onnx");

    [Theory]
    [InlineData("2_1", 2)]
    [InlineData("2_9", 8)]
    public async Task Finds_a_confirmed_counterexample_for_known_violations(string network, int property)
    {
        var result = Path.Combine(TestData.TempFolder(), "result.txt");
        var run = await CliRun.InProcessAsync("verify", "--model", Model(network), "--property", TestData.AcasProperty(property), "--timeout", "60", "--result", result);
        Assert.Equal("sat", run.FirstLine);
        Assert.Equal(ExitCodes.Violated, run.ExitCode);
        Assert.Contains("confirmed by OnnxRuntime", run.Output);
        IndependentCheck.AssertCounterexample(result, Model(network), TestData.AcasProperty(property));
    }

    [Fact]
    public async Task Test_benchmark_sat_instance_is_falsified()
    {
        var result = Path.Combine(TestData.TempFolder(), "result.txt");
        var model = TestData.TestBenchmark("test_sat.onnx");
        var property = TestData.TestBenchmark("test_prop.vnnlib");
        var run = await CliRun.InProcessAsync("verify", "--model", model, "--property", property, "--result", result);
        Assert.Equal("sat", run.FirstLine);
        IndependentCheck.AssertCounterexample(result, model, property);
    }

    [Theory]
    [InlineData("test_nano.onnx", "test_nano.vnnlib")]
    [InlineData("test_tiny.onnx", "test_tiny.vnnlib")]
    [InlineData("test_small.onnx", "test_small.vnnlib")]
    [InlineData("test_unsat.onnx", "test_prop.vnnlib")]
    public async Task Unsat_instances_are_proven(string model, string property)
    {
        var result = Path.Combine(TestData.TempFolder(), "result.txt");
        var run = await CliRun.InProcessAsync("verify", "--model", TestData.TestBenchmark(model), "--property", TestData.TestBenchmark(property), "--timeout", "60", "--result", result);
        Assert.Equal("unsat", run.FirstLine);
        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.Equal("unsat\n", File.ReadAllText(result));
    }

    /// <summary>Every 12th instance the published verdicts call unsat (12 of the 139), in file order.</summary>
    public static TheoryData<string, string> UnsatAcasInstances()
    {
        var rows = File.ReadLines(TestData.Path("acasxu", "verdicts.csv")).Skip(1).Select(l => l.Split(',')).Where(r => r[2] == "unsat").ToList();
        var data = new TheoryData<string, string>();
        for (var i = 0; i < rows.Count; i += 12) data.Add(rows[i][0], rows[i][1]);
        return data;
    }

    [Theory, MemberData(nameof(UnsatAcasInstances))]
    public async Task Acas_properties_that_hold_are_never_reported_sat(string network, string property)
    {
        var run = await CliRun.InProcessAsync("verify", "--model", TestData.Path("acasxu", "onnx", network), "--property", TestData.Path("acasxu", "vnnlib", property), "--timeout", "10");
        Assert.Contains(run.FirstLine, new[] { "unsat", "unknown", "timeout" });
        Assert.Equal(run.FirstLine == "unsat" ? ExitCodes.Holds : ExitCodes.Unknown, run.ExitCode);
    }

    [Fact]
    public async Task A_short_timeout_gives_the_timeout_verdict()
    {
        var run = await CliRun.InProcessAsync("verify", "--model", Model("1_1"), "--property", TestData.AcasProperty(1), "--timeout", "0.001");
        Assert.Equal("timeout", run.FirstLine);
        Assert.Equal(ExitCodes.Unknown, run.ExitCode);
    }

    [Fact]
    public async Task Runs_as_a_process_with_the_verdict_first_and_the_documented_exit_code()
    {
        var run = await CliRun.ProcessAsync("verify", "--model", Model("2_1"), "--property", TestData.AcasProperty(2), "--timeout", "60");
        Assert.Equal("sat", run.FirstLine);
        Assert.Equal(ExitCodes.Violated, run.ExitCode);
    }

    [Fact]
    public async Task Verifies_nnet_models_with_OnnxRuntime_as_the_oracle()
    {
        var nnet = Path.Combine(TestData.TempFolder(), "acas_2_1.nnet");
        Core.NNet.NNetWriter.Save(Core.Onnx.OnnxModelLoader.Load(Model("2_1")), nnet);
        var run = await CliRun.InProcessAsync("verify", "--model", nnet, "--property", TestData.AcasProperty(2), "--timeout", "60");
        Assert.Equal("sat", run.FirstLine);
        Assert.Contains("confirmed by OnnxRuntime", run.Output);
    }
}
