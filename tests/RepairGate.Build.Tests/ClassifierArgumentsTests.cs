using Microsoft.Build.Utilities;

namespace RepairGate.Build.Tests;

public class ClassifierArgumentsTests
{
    private static TaskItem Item(params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem("models/fmnist.onnx");
        var defaults = new Dictionary<string, string>
        {
            ["Data"] = "data", ["TestPrefix"] = "t10k", ["TrainPrefix"] = "train", ["EditSet"] = "misclassified:100", ["Methods"] = "last-layer,pattern-lp",
            ["HeldOut"] = "0.2", ["MinEfficacy"] = "1", ["MaxDrawdown"] = "0.01", ["TimeLimit"] = "60", ["Preserve"] = "1000", ["Seed"] = "7",
            ["RepairedModel"] = "/app/obj/repairgate/classifiers/fmnist.repaired.onnx", ["ReportFolder"] = "/app/obj/repairgate/classifiers/fmnist/",
        };
        foreach (var (name, value) in metadata) defaults[name] = value;
        foreach (var (name, value) in defaults) item.SetMetadata(name, value);
        return item;
    }

    [Fact]
    public void Compare_command_line_resolves_paths_against_the_project_and_asks_for_MSBuild_diagnostics()
    {
        var item = ClassifierItem.FromItem(Item(("EditSet", "file:edits/e.csv")), "/app", out var error)!;
        Assert.Null(error);

        var line = ClassifierArguments.Build("/obj/runner", ["/nuget/"], item);

        Assert.StartsWith("exec --additionalprobingpath /nuget /obj/runner/repairgate.dll compare --model ", line);
        Assert.True(line.EndsWith(
            "--data /app/data --test-prefix t10k --train-prefix train --edit-set file:/app/edits/e.csv --methods \"last-layer,pattern-lp\" --held-out 0.2 " +
            "--min-efficacy 1 --max-drawdown 0.01 --time-limit 60 --preserve 1000 --seed 7 --out /app/obj/repairgate/classifiers/fmnist " +
            "--save-best /app/obj/repairgate/classifiers/fmnist.repaired.onnx --msbuild", StringComparison.Ordinal), line);
        Assert.Contains("--all", ClassifierArguments.Settings(ClassifierItem.FromItem(Item(("Methods", "all")), "/app", out _)!));
    }

    [Theory]
    [InlineData("HeldOut", "1", "HeldOut=\"1\" must be a fraction in [0, 1)")]
    [InlineData("MaxDrawdown", "-0.1", "MaxDrawdown=\"-0.1\" must be between 0 and 1")]
    [InlineData("Data", "", "Data=\"\" must name the test data")]
    [InlineData("TimeLimit", "0", "TimeLimit=\"0\" must be a positive number of seconds")]
    [InlineData("TestCount", "x", "TestCount=\"x\" must be a positive integer")]
    public void Bad_metadata_is_reported_by_name(string name, string value, string message)
    {
        Assert.Null(ClassifierItem.FromItem(Item((name, value)), "/app", out var error));
        Assert.StartsWith(message, error);
    }
}
