namespace RepairGate.Build.Tests;

/// <summary>
/// End to end: `dotnet build` of sample-projects/AcasXuGate copies against the packed RepairGate.Build. Slow (each
/// build restores, compiles and runs the runner), so there are few of them.
/// </summary>
public class SampleBuildTests(SampleBuild sample) : IClassFixture<SampleBuild>
{
    private static string Output(string project, string file) => Path.Combine(project, "bin", "Debug", "net10.0", file);

    private static string Intermediate(string project) => Path.Combine(project, "obj", "Debug", "net10.0", "repairgate");

    [Fact]
    public void Repair_off_fails_with_RG1001_at_the_property_file_and_leaves_no_model_or_temporary_file()
    {
        var project = sample.CopySample();

        var build = SampleBuild.Build(project, "-p:RepairGateRepair=false");

        Assert.NotEqual(0, build.ExitCode);
        var property = Path.Combine(project, "specs", "prop_8.vnnlib");
        Assert.Contains($"{property}(1,1): error RG1001: acas_2_9.onnx violates prop_8: input [", build.Output);
        Assert.Contains("acas_1_1.onnx: prop_4 holds", build.Output);
        Assert.False(File.Exists(Output(project, "acas_2_9.repaired.onnx")));
        Assert.False(File.Exists(Path.Combine(Intermediate(project), "acas_2_9.repaired.onnx")));
        Assert.StartsWith("sat\n", File.ReadAllText(Path.Combine(Intermediate(project), "reports", "acas_2_9__prop_8.txt")));
        Assert.Empty(Directory.GetFiles(project, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Passing_gate_ships_the_gated_model_and_reports_then_skips_unchanged_rebuilds()
    {
        var project = sample.CopySample();
        // Gate 2_9 only on the properties it satisfies (3 and 4): the gated model is the original, unchanged.
        SampleBuild.EditProject(project, text => text.Replace("Properties=\"specs/*.vnnlib\"", "Properties=\"specs/prop_3.vnnlib;specs/prop_4.vnnlib\""));

        var first = SampleBuild.Build(project);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("RepairGate: gating models/acas_2_9.onnx against 2 properties (repair on)", first.Output);
        var gated = Output(project, "acas_2_9.repaired.onnx");
        Assert.Equal(File.ReadAllBytes(Path.Combine(project, "models", "acas_2_9.onnx")), File.ReadAllBytes(gated));
        foreach (var report in new[] { "acas_1_1__prop_4.txt", "acas_2_9__prop_3.txt", "acas_2_9__prop_4.txt" })
            Assert.StartsWith("unsat\n", File.ReadAllText(Path.Combine(Intermediate(project), "reports", report)));
        // The service loads the gated model with OnnxRuntime.
        var app = SampleBuild.Run(project, Output(project, "AcasXuGate.dll"));
        Assert.True(app.ExitCode == 0, app.Output);
        Assert.Contains("property 8 region: ", app.Output);

        var second = SampleBuild.Build(project, "--no-restore");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Skipping target \"RepairGate\" because all output files are up-to-date", second.Output);
        Assert.DoesNotContain("RepairGate: gating", second.Output);

        // Touched but identical inputs: the target runs, the content stamps skip both models.
        File.SetLastWriteTimeUtc(Path.Combine(project, "models", "acas_1_1.onnx"), DateTime.UtcNow);
        var third = SampleBuild.Build(project, "--no-restore");
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("RepairGate: models/acas_1_1.onnx and its properties are unchanged since its last gate; skipped", third.Output);
        Assert.DoesNotContain("RepairGate: gating", third.Output);
        Assert.True(File.Exists(gated));
    }

    [Fact]
    public async Task Cancelling_the_build_stops_the_runner_and_leaves_no_partial_output()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "sends SIGINT and reads /proc: Linux only");
        var project = sample.CopySample();
        var cancellation = TestContext.Current.CancellationToken;

        using var build = SampleBuild.Start(project, ["build", "-tl:off", "-nodeReuse:false", "--disable-build-servers", "-v:n"], out var output);
        var runner = await SampleBuild.WaitForAsync(() => SampleBuild.RunnerProcesses(project).FirstOrDefault(), TimeSpan.FromMinutes(5), cancellation);
        Assert.True(runner != 0, "no runner process started:\n" + output);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", build.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync(cancellation);

        await build.WaitForExitAsync(cancellation).WaitAsync(TimeSpan.FromMinutes(1), cancellation);
        Assert.NotEqual(0, build.ExitCode);
        var stopped = await SampleBuild.WaitForAsync(() => SampleBuild.RunnerProcesses(project).Count == 0 ? 1 : 0, TimeSpan.FromSeconds(20), cancellation);
        Assert.True(stopped == 1, "a runner survived the cancelled build");
        Assert.Contains("MSB5021", output.ToString()); // ToolTask: terminating the task executable and its children
        Assert.Empty(Directory.GetFiles(project, "*.tmp", SearchOption.AllDirectories));
        Assert.False(File.Exists(Output(project, "acas_2_9.repaired.onnx")));
        Assert.False(File.Exists(Path.Combine(Intermediate(project), "gate.stamp")));
    }

    [Fact]
    public void Default_sample_repairs_acas_2_9_and_ships_the_patched_model()
    {
        var project = sample.CopySample();

        var build = SampleBuild.Build(project);

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("warning RG2001: acas_2_9.onnx repaired: prop_8 now holds", build.Output);
        var patched = Output(project, "acas_2_9.repaired.onnx");
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(project, "models", "acas_2_9.onnx")), File.ReadAllBytes(patched));
        Assert.StartsWith("unsat\n", File.ReadAllText(Path.Combine(Intermediate(project), "reports", "acas_2_9.repaired__prop_8.txt")));
        var app = SampleBuild.Run(project, Output(project, "AcasXuGate.dll"));
        Assert.True(app.ExitCode == 0, app.Output);
    }
}
