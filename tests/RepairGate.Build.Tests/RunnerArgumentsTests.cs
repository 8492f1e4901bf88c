using Microsoft.Build.Utilities;

namespace RepairGate.Build.Tests;

public class RunnerArgumentsTests
{
    private static GateModel Model(bool repair) => new(
        "models/my model.onnx", "/src/app/models/my model.onnx", ["/src/app/specs/prop_3.vnnlib", "/src/app/specs/prop_8.vnnlib"],
        repair, "auto", 0.005, 60, 7, "/src/app/obj/repairgate/my model.repaired.onnx");

    [Fact]
    public void Gate_command_line_probes_the_NuGet_folders_and_passes_every_property()
    {
        var line = RunnerArguments.Build("/obj/runner", ["/home/u/.nuget/packages/", "/fallback"], Model(repair: false), "violation", "/obj/reports/");

        Assert.Equal(
            "exec --additionalprobingpath /home/u/.nuget/packages --additionalprobingpath /fallback /obj/runner/repairgate.dll gate " +
            "--model \"/src/app/models/my model.onnx\" --property /src/app/specs/prop_3.vnnlib --property /src/app/specs/prop_8.vnnlib " +
            "--timeout 60 --seed 7 --fail-on violation --report-dir /obj/reports",
            line);
    }

    [Fact]
    public void Repair_arguments_appear_only_when_repair_is_on()
    {
        var off = RunnerArguments.Settings(Model(repair: false), "unknown", null);
        var on = RunnerArguments.Settings(Model(repair: true), "unknown", null);

        Assert.DoesNotContain("--repair", off);
        Assert.DoesNotContain("--report-dir", off);
        Assert.EndsWith("--repair --repair-engine auto --max-drawdown 0.005 --decision argmax --patched-out \"/src/app/obj/repairgate/my model.repaired.onnx\"", on);
    }

    [Fact]
    public void Install_command_line_runs_the_packaged_runner()
    {
        var line = RunnerArguments.Install("/pkg/tools/runner/", ["/nuget/"], "/obj/repairgate/runner-1/");

        Assert.Equal("exec --additionalprobingpath /nuget /pkg/tools/runner/repairgate.dll runner-install --to /obj/repairgate/runner-1", line);
    }

    [Theory]
    [InlineData("0.01", "60", "1", null)]
    [InlineData("2", "60", "1", "MaxDrawdown")]
    [InlineData("0.01", "0", "1", "Timeout")]
    [InlineData("0.01", "60", "x", "Seed")]
    public void Item_metadata_is_validated(string drawdown, string timeout, string seed, string? problem)
    {
        var item = new TaskItem("models/a.onnx");
        item.SetMetadata("MaxDrawdown", drawdown);
        item.SetMetadata("Timeout", timeout);
        item.SetMetadata("Seed", seed);
        item.SetMetadata("Repair", "true");

        var model = GateModel.FromItem(item, ["/p.vnnlib"], repairEnabled: true, out var error);

        if (problem is null)
        {
            Assert.NotNull(model);
            Assert.True(model.Repair);
        }
        else
        {
            Assert.Null(model);
            Assert.StartsWith(problem, error);
        }
    }

    [Fact]
    public void An_item_whose_properties_match_no_file_is_an_error_and_RepairGateRepair_false_wins()
    {
        var item = new TaskItem("models/a.onnx");
        foreach (var (k, v) in new[] { ("MaxDrawdown", "0.005"), ("Timeout", "60"), ("Seed", "1"), ("Repair", "true"), ("Properties", "specs/*.vnnlib") })
            item.SetMetadata(k, v);

        Assert.Null(GateModel.FromItem(item, [], repairEnabled: true, out var error));
        Assert.Contains("specs/*.vnnlib", error);
        Assert.False(GateModel.FromItem(item, ["/p.vnnlib"], repairEnabled: false, out _)!.Repair);
    }
}
