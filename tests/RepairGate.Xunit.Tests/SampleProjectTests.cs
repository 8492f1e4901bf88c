using System.Text.RegularExpressions;

namespace RepairGate.Xunit.Tests;

/// <summary>End to end: the sample test project, using the packed extension, run with its violated category included.</summary>
public sealed partial class SampleProjectTests
{
    [Fact]
    public async Task The_AcasXu_sample_reports_the_expected_counts_and_only_confirmed_counterexamples()
    {
        var run = await SampleProject.RunAsync("AcasXuProperties", ["--explicit", "on"], TestContext.Current.CancellationToken);

        Assert.True((run.Passed, run.Failed, run.Skipped) == (6, 3, 1), $"expected 6 passed, 3 failed, 1 skipped; got {run.Passed}, {run.Failed}, {run.Skipped}:\n{run.Log}");
        Assert.Equal(
            [
                "AcasXuProperties.KnownViolations.Clear_of_conflict_is_never_the_worst_score [prop_2 on ACASXU_run2a_2_1_batch_2000]",
                "AcasXuProperties.KnownViolations.Clear_of_conflict_is_never_the_worst_score [prop_2 on ACASXU_run2a_2_9_batch_2000]",
                "AcasXuProperties.KnownViolations.Distant_left_intruder_gets_clear_of_conflict_or_weak_left [prop_8 on ACASXU_run2a_2_9_batch_2000]",
            ],
            run.Tests.Where(t => t.Failure is not null).Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var failed in run.Tests.Where(t => t.Failure is not null))
        {
            var label = Label().Match(failed.Name);
            var model = Path.Combine(run.Folder, "models", label.Groups[2].Value + ".onnx");
            var property = Path.Combine(run.Folder, "specs", label.Groups[1].Value + ".vnnlib");
            OnnxRuntimeCheck.ConfirmsViolation(failed.Failure!, model, property);
        }
    }

    [GeneratedRegex(@"\[(\S+) on (\S+)\]$")]
    private static partial Regex Label();
}
