using System.Text.Json;

namespace RepairGate.Cli.Tests;

/// <summary>verify/bench --report, --shard and report merge/render, end to end on real models.</summary>
public class ReportCommandTests
{
    private static string Bench(string file) => TestData.TestBenchmark(file);

    /// <summary>Two models x three properties: sat and unsat verdicts, all decided in about a second each.</summary>
    private static readonly string[] PairArguments =
    [
        "--model", Bench("test_sat.onnx"), "--model", Bench("test_unsat.onnx"),
        "--property", Bench("test_prop.vnnlib"), "--property", TestData.AcasProperty(4), "--property", TestData.AcasProperty(8),
        "--timeout", "60", "--deterministic",
    ];

    private static Task<CliRun> Verify(string reportFolder, params string[] more) =>
        CliRun.InProcessAsync(["verify", .. PairArguments, "--report", reportFolder, .. more]);

    [Fact]
    public async Task Three_shards_merged_equal_the_unsharded_run_byte_for_byte()
    {
        var root = TestData.TempFolder();
        var whole = await Verify(Path.Combine(root, "whole"));
        Assert.Equal(ExitCodes.Violated, whole.ExitCode);
        var lines = whole.Output.TrimEnd('\n').Split('\n').Where(l => !l.StartsWith(' ')).ToList();
        Assert.Equal("sat", lines[0]);
        Assert.Equal(6, lines.Count - 1);
        Assert.All(lines.Skip(1), l => Assert.Matches("^(sat|unsat) ", l));

        var shardReports = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var folder = Path.Combine(root, $"shard{i}");
            var shard = await Verify(folder, "--shard", $"{i}/3", "--formats", "json");
            Assert.True(shard.ExitCode is ExitCodes.Holds or ExitCodes.Violated, shard.Error);
            Assert.Equal(2, shard.Output.Split('\n').Count(l => l.StartsWith("sat ") || l.StartsWith("unsat ")));
            shardReports.Add(Path.Combine(folder, "report.json"));
        }

        var merged = await CliRun.InProcessAsync(["report", "merge", .. shardReports, "--out", Path.Combine(root, "merged"), "--deterministic"]);
        Assert.Equal(ExitCodes.Violated, merged.ExitCode);
        Assert.StartsWith("6 properties on 2 models: ", merged.Output);

        var expected = Files(Path.Combine(root, "whole"));
        Assert.Equal(expected.Keys, Files(Path.Combine(root, "merged")).Keys);
        foreach (var (name, bytes) in Files(Path.Combine(root, "merged")))
            Assert.True(expected[name].SequenceEqual(bytes), $"{name} differs between the merged and the unsharded report");
        Assert.Empty(JUnitSchema.Errors(File.ReadAllText(Path.Combine(root, "merged", "junit.xml"))));
    }

    private static SortedDictionary<string, byte[]> Files(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes), StringComparer.Ordinal);

    [Fact]
    public async Task One_property_keeps_the_plain_output_and_writes_every_format_with_timing()
    {
        var folder = TestData.TempFolder();
        var result = Path.Combine(folder, "result.txt");
        var run = await CliRun.InProcessAsync("verify", "--model", Bench("test_sat.onnx"), "--property", Bench("test_prop.vnnlib"), "--result", result, "--report", Path.Combine(folder, "report"));
        Assert.Equal(ExitCodes.Violated, run.ExitCode);
        Assert.Equal("sat", run.FirstLine);
        Assert.StartsWith("test_prop on test_sat.onnx: counterexample found", run.Output.Split('\n')[1]);

        var report = Path.Combine(folder, "report");
        foreach (var file in new[] { "report.json", "junit.xml", "summary.md", "report.html", "vnncomp/test_sat__test_prop.txt" })
            Assert.True(File.Exists(Path.Combine(report, file)), file);
        Assert.Equal(File.ReadAllText(result), File.ReadAllText(Path.Combine(report, "vnncomp", "test_sat__test_prop.txt")));
        IndependentCheck.AssertCounterexample(Path.Combine(report, "vnncomp", "test_sat__test_prop.txt"), Bench("test_sat.onnx"), Bench("test_prop.vnnlib"));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "report.json")));
        var property = json.RootElement.GetProperty("models")[0].GetProperty("properties")[0];
        Assert.Equal("sat", property.GetProperty("verdict").GetString());
        Assert.True(property.GetProperty("timing").GetProperty("seconds").GetDouble() > 0);
        Assert.Equal(64, property.GetProperty("sha256").GetString()!.Length);
        Assert.Empty(JUnitSchema.Errors(File.ReadAllText(Path.Combine(report, "junit.xml"))));
    }

    [Fact]
    public async Task Render_rewrites_the_same_report()
    {
        var folder = TestData.TempFolder();
        var first = await CliRun.InProcessAsync("verify", "--model", Bench("test_unsat.onnx"), "--property", Bench("test_prop.vnnlib"), "--report", Path.Combine(folder, "a"), "--deterministic");
        Assert.Equal(ExitCodes.Holds, first.ExitCode);
        var render = await CliRun.InProcessAsync("report", "render", Path.Combine(folder, "a", "report.json"), "--out", Path.Combine(folder, "b"));
        Assert.Equal(ExitCodes.Holds, render.ExitCode);
        Assert.Equal("1 property on 1 model: 1 hold, 0 violated\n", render.Output);
        Assert.Equal(Files(Path.Combine(folder, "a")).Keys, Files(Path.Combine(folder, "b")).Keys);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "a", "summary.md")), File.ReadAllText(Path.Combine(folder, "b", "summary.md")));
    }

    [Fact]
    public async Task An_empty_shard_says_none_and_passes()
    {
        var run = await CliRun.InProcessAsync("verify", "--model", Bench("test_sat.onnx"), "--property", Bench("test_prop.vnnlib"), "--shard", "2/2");
        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.Equal("none", run.FirstLine);
    }

    [Fact]
    public async Task Bench_writes_a_sharded_report()
    {
        var folder = TestData.TempFolder();
        foreach (var file in new[] { "test_sat.onnx", "test_unsat.onnx", "test_prop.vnnlib" })
            File.Copy(Bench(file), Path.Combine(folder, file));
        var list = Path.Combine(folder, "instances.csv");
        File.WriteAllText(list, "test_sat.onnx,test_prop.vnnlib,60\ntest_unsat.onnx,test_prop.vnnlib,60\n");
        var run = await CliRun.InProcessAsync("bench", "--instances", list, "--out", Path.Combine(folder, "out"), "--report", Path.Combine(folder, "report"), "--shard", "2/2", "--formats", "json,junit");
        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.Contains("instances 1: solved 1 (sat 0, unsat 1)", run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report", "report.json")));
        Assert.Equal("bench", json.RootElement.GetProperty("command").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("shard").GetProperty("count").GetInt32());
        Assert.Equal("test_unsat", Assert.Single(json.RootElement.GetProperty("models").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(["junit.xml", "report.json"], Directory.GetFiles(Path.Combine(folder, "report")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("--formats", "json,pdf", "unknown format 'pdf'")]
    [InlineData("--shard", "4/3", "--shard must be i/n")]
    [InlineData("--result", "out.txt", "--result takes one model and one property")]
    public async Task Bad_report_options_are_bad_input(string option, string value, string message)
    {
        var run = await CliRun.InProcessAsync("verify", "--model", Bench("test_sat.onnx"), "--property", Bench("test_prop.vnnlib"), "--property", TestData.AcasProperty(4), option, value);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_wildcard_that_matches_nothing_is_bad_input()
    {
        var run = await CliRun.InProcessAsync("verify", "--model", Bench("test_sat.onnx"), "--property", Path.Combine(TestData.TempFolder(), "nothing_*.vnnlib"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--property: no file matches", run.Error);
    }

    [Fact]
    public async Task Merging_with_a_shard_missing_is_bad_input()
    {
        var folder = TestData.TempFolder();
        var shard = await CliRun.InProcessAsync("verify", "--model", Bench("test_sat.onnx"), "--property", Bench("test_prop.vnnlib"), "--shard", "1/2", "--report", folder, "--formats", "json");
        Assert.Equal(ExitCodes.Violated, shard.ExitCode);
        var merge = await CliRun.InProcessAsync("report", "merge", Path.Combine(folder, "report.json"), "--out", Path.Combine(folder, "merged"));
        Assert.Equal(ExitCodes.BadInput, merge.ExitCode);
        Assert.Contains("missing shard 2/2", merge.Error);
    }
}
