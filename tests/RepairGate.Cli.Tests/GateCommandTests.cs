namespace RepairGate.Cli.Tests;

/// <summary>The MSBuild runner command: diagnostics protocol, fail-on policy, repair seam, outputs.</summary>
public class GateCommandTests
{
    private static readonly string Model29 = TestData.AcasNetwork(2, 9);

    [Fact]
    public async Task Violation_is_an_RG1001_error_at_the_property_file_with_the_counterexample()
    {
        var reports = TestData.TempFolder();
        var run = await CliRun.InProcessAsync("gate", "--model", Model29, "--property", TestData.AcasProperty(8), "--report-dir", reports, "--timeout", "30");

        Assert.Equal(ExitCodes.Violated, run.ExitCode);
        Assert.Contains($"{TestData.AcasProperty(8)}(1,1): error RG1001: ACASXU_run2a_2_9_batch_2000.onnx violates prop_8: input [", run.Output);
        Assert.Contains("confirmed by OnnxRuntime", run.Output);
        Assert.StartsWith("sat\n", File.ReadAllText(Path.Combine(reports, "ACASXU_run2a_2_9_batch_2000__prop_8.txt")));
        var modelReports = Path.Combine(reports, "ACASXU_run2a_2_9_batch_2000");
        Assert.Contains("<failure", File.ReadAllText(Path.Combine(modelReports, "junit.xml")));
        Assert.Contains("\"verdict\": \"sat\"", File.ReadAllText(Path.Combine(modelReports, "report.json")));
        Assert.True(File.Exists(Path.Combine(modelReports, "summary.md")));
        Assert.True(File.Exists(Path.Combine(modelReports, "report.html")));
    }

    [Fact]
    public async Task Fail_on_never_turns_the_violation_into_a_warning()
    {
        var run = await CliRun.InProcessAsync("gate", "--model", Model29, "--property", TestData.AcasProperty(8), "--fail-on", "never", "--timeout", "30");

        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.Contains("): warning RG1001: ", run.Output);
    }

    [Fact]
    public async Task Violated_model_is_repaired_reverified_and_written_with_an_RG2001_warning()
    {
        var folder = TestData.TempFolder();
        var output = Path.Combine(folder, "a.repaired.onnx");
        var run = await CliRun.InProcessAsync("gate", "--model", Model29, "--property", TestData.AcasProperty(8), "--property", TestData.AcasProperty(3),
            "--repair", "--patched-out", output, "--decision", "argmin", "--max-drawdown", "0.02", "--report-dir", Path.Combine(folder, "reports"), "--timeout", "60");

        Assert.True(run.ExitCode == ExitCodes.Holds, run.Output);
        Assert.DoesNotContain("error RG", run.Output);
        Assert.Contains($"{Model29}: warning RG2001: ACASXU_run2a_2_9_batch_2000.onnx repaired: prop_8 now holds", run.Output);
        Assert.NotEqual(File.ReadAllBytes(Model29), File.ReadAllBytes(output));
        var json = File.ReadAllText(Path.Combine(folder, "reports", "ACASXU_run2a_2_9_batch_2000", "report.json"));
        Assert.Contains("\"status\": \"repaired\"", json);
        Assert.Contains("a.repaired.onnx", json);
        // Independently of the gate: OnnxRuntime runs the written file, and the verifier proves prop_8 on it again.
        var verify = await CliRun.InProcessAsync("verify", "--model", output, "--property", TestData.AcasProperty(8), "--timeout", "60");
        Assert.True(verify.ExitCode == ExitCodes.Holds, verify.Output);
    }

    [Fact]
    public async Task Decision_must_be_argmax_or_argmin()
    {
        var run = await CliRun.InProcessAsync("gate", "--model", Model29, "--property", TestData.AcasProperty(3), "--decision", "median");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--decision must be argmax or argmin", run.Error);
    }

    [Fact]
    public async Task Holding_model_with_repair_on_is_passed_through_unchanged()
    {
        var output = Path.Combine(TestData.TempFolder(), "a.repaired.onnx");
        var run = await CliRun.InProcessAsync("gate", "--model", Model29, "--property", TestData.AcasProperty(3), "--repair", "--patched-out", output, "--timeout", "60");

        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.Contains("prop_3 holds", run.Output);
        Assert.DoesNotContain(" error ", run.Output);
        Assert.Equal(File.ReadAllBytes(Model29), File.ReadAllBytes(output));
    }

    [Theory]
    [InlineData("violation", ExitCodes.Holds, "warning")]
    [InlineData("unknown", ExitCodes.Unknown, "error")]
    public async Task No_verdict_follows_fail_on(string failOn, int exitCode, string severity)
    {
        // 1 ms: sampling finds nothing (the property holds) and the budget is gone before the prover starts.
        var run = await CliRun.InProcessAsync("gate", "--model", Model29, "--property", TestData.AcasProperty(3), "--timeout", "0.001", "--fail-on", failOn);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains($"(1,1): {severity} RG1002: ", run.Output);
    }

    [Fact]
    public async Task Malformed_property_is_RG0001_at_its_position_and_other_properties_still_run()
    {
        var bad = Path.Combine(TestData.TempFolder(), "bad.vnnlib");
        File.WriteAllText(bad, "(declare-const X_0 Real)\n(assert (<= X_0 ))\n");
        var run = await CliRun.InProcessAsync("gate", "--model", Model29, "--property", bad, "--property", TestData.AcasProperty(8), "--timeout", "30");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Matches(@"bad\.vnnlib\(2,\d+\): error RG0001: ", run.Output);
        Assert.Contains("error RG1001: ", run.Output);
    }

    [Fact]
    public async Task Runner_install_creates_a_runner_with_a_private_torch_bridge()
    {
        var target = Path.Combine(TestData.TempFolder(), "runner");
        var run = await CliRun.ProcessAsync("runner-install", "--to", target);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(target, "repairgate.dll")));
        var bridge = Directory.GetFiles(target, "*LibTorchSharp*", SearchOption.AllDirectories);
        Assert.Single(bridge);
        Assert.Null(new FileInfo(bridge[0]).LinkTarget); // a real, writable copy
        Assert.Equal(0, (await CliRun.ProcessAsync("runner-install", "--to", target)).ExitCode); // idempotent
    }
}
