namespace RepairGate.Cli.Tests;

public class BenchCommandTests
{
    private static string InstanceList(string verdicts)
    {
        var folder = TestData.TempFolder();
        foreach (var file in new[] { "test_sat.onnx", "test_unsat.onnx", "test_prop.vnnlib" })
            File.Copy(TestData.TestBenchmark(file), Path.Combine(folder, file));
        var list = Path.Combine(folder, "instances.csv");
        File.WriteAllText(list, "test_sat.onnx,test_prop.vnnlib,60\ntest_unsat.onnx,test_prop.vnnlib,60\n");
        File.WriteAllText(Path.Combine(folder, "verdicts.csv"), "onnx,vnnlib,verdict\n" + verdicts);
        return list;
    }

    [Fact]
    public async Task Writes_result_files_and_a_summary_and_checks_published_verdicts()
    {
        var list = InstanceList("test_sat.onnx,test_prop.vnnlib,sat\ntest_unsat.onnx,test_prop.vnnlib,unsat\n");
        var output = Path.Combine(Path.GetDirectoryName(list)!, "results");
        var run = await CliRun.InProcessAsync("bench", "--instances", list, "--out", output);

        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.Contains("instances 2: solved 2 (sat 1, unsat 1), unknown 0, timeout 0", run.Output);
        Assert.Contains("against verdicts.csv: correct 2, wrong 0, unsolved 0", run.Output);
        Assert.StartsWith("sat\n((X_0 ", File.ReadAllText(Path.Combine(output, "test_sat__test_prop.txt")));
        Assert.Equal("unsat\n", File.ReadAllText(Path.Combine(output, "test_unsat__test_prop.txt")));
        var summary = File.ReadAllLines(Path.Combine(output, "summary.csv"));
        Assert.Equal("onnx,vnnlib,result,seconds", summary[0]);
        Assert.StartsWith("test_sat.onnx,test_prop.vnnlib,sat,", summary[1]);
        Assert.StartsWith("test_unsat.onnx,test_prop.vnnlib,unsat,", summary[2]);
    }

    [Fact]
    public async Task A_verdict_contradicting_the_published_one_fails_the_run()
    {
        var list = InstanceList("test_sat.onnx,test_prop.vnnlib,unsat\n");
        var run = await CliRun.InProcessAsync("bench", "--instances", list, "--out", Path.Combine(Path.GetDirectoryName(list)!, "results"));
        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        Assert.Contains("wrong 1", run.Output);
        Assert.Contains("WRONG (published: unsat)", run.Error);
    }

    [Fact]
    public async Task A_malformed_instance_list_names_the_line()
    {
        var list = Path.Combine(TestData.TempFolder(), "instances.csv");
        File.WriteAllText(list, "a.onnx,b.vnnlib,60\nbroken line\n");
        var run = await CliRun.InProcessAsync("bench", "--instances", list);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("instances.csv(2,1): expected 'onnx,vnnlib,timeout'", run.Error);
    }
}
