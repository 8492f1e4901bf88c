using RepairGate.Core.Model;
using RepairGate.Core.Repair;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;
using static RepairGate.Core.Tests.Repair.TinyNetworks;

namespace RepairGate.Core.Tests.Repair;

public class RepairLoopTests
{
    // y_0 = 2 relu(x) + relu(-x), y_1 = 0.5 on x in [-1, 1]; unsafe when Y_0 ≥ Y_1, i.e. x ≤ -0.5 or x ≥ 0.25:
    // two separate violated intervals, and fixing the left one (y_0 = 1 at most) leaves the right one (y_0 up to 2) violated.
    private static readonly Network TwoSided = Chain(1, Dense([1, -1], [0, 0], 1), new ReluLayer([2], "relu"), Dense([2, 1, 0, 0], [0, 0.5], 2));

    private static readonly VnnProperty YZeroAtLeastYOne = VnnLibParser.Parse(
        "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n"
        + "(assert (>= X_0 -1))\n(assert (<= X_0 1))\n(assert (>= Y_0 Y_1))\n", "two-sided.vnnlib");

    private static RepairOptions Options(bool regions) => new()
    {
        Engine = LastLayerLpEngine.EngineName,
        UseRegions = regions,
        Margin = 0.05,
        PreservePoints = 0,
        TestPoints = 200,
        Budget = TimeSpan.FromSeconds(120),
        VerifyTimeout = TimeSpan.FromSeconds(30),
        // Only points right next to the verifier's counterexample: the first repair cannot see the other interval.
        Harvester = new ViolationHarvester(UniformSamples: 0, Anchors: 0, LocalSamples: 10, MaxViolations: 10, MaxNearMisses: 0, Coverage: 0),
    };

    [Fact]
    public async Task The_loop_adds_the_counterexample_a_first_repair_missed_and_ends_proven()
    {
        var run = await new RepairLoop(EngineCatalog.Default).RunAsync(TwoSided, [YZeroAtLeastYOne], [], Options(regions: false), TestContext.Current.CancellationToken);

        Assert.Equal(RepairOutcome.Proven, run.Outcome);
        Assert.True(run.Iterations.Count >= 2, run.Detail);
        var first = run.Iterations[0];
        Assert.Equal(RepairStatus.Repaired, first.Attempt.Status);
        Assert.Contains(first.Checks, c => c.Verdict == Verdict.Sat);
        Assert.True(first.PointsAdded > 0);
        Assert.All(run.Final, c => Assert.Equal(Verdict.Unsat, c.Verdict));

        // Independently of the loop: the patched network keeps Y_0 below Y_1 across the interval.
        for (var x = -1.0; x <= 1.0; x += 0.01)
        {
            var y = run.Patched!.Evaluate([x]);
            Assert.True(y[0] < y[1], $"x = {x}: y = [{y[0]}, {y[1]}]");
        }
    }

    [Fact]
    public async Task Region_repair_fixes_the_whole_box_at_once_and_proves_it()
    {
        var run = await new RepairLoop(EngineCatalog.Default).RunAsync(TwoSided, [YZeroAtLeastYOne], [], Options(regions: true), TestContext.Current.CancellationToken);

        Assert.Equal(RepairOutcome.Proven, run.Outcome);
        Assert.Single(run.Iterations);
        Assert.Equal("region proof", Assert.Single(run.Final).Method);
        Assert.Equal(1.0, run.Metrics!.Generalisation);
    }

    [Fact]
    public async Task A_property_that_holds_needs_no_repair()
    {
        var safe = VnnLibParser.Parse("(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n"
            + "(assert (>= X_0 -0.2))\n(assert (<= X_0 0.2))\n(assert (>= Y_0 Y_1))\n", "safe.vnnlib");
        var run = await new RepairLoop(EngineCatalog.Default).RunAsync(TwoSided, [safe], [], Options(regions: true), TestContext.Current.CancellationToken);

        Assert.Equal(RepairOutcome.AlreadyHolds, run.Outcome);
        Assert.Null(run.Patched);
        Assert.Empty(run.Iterations);
    }

    [Fact]
    public async Task Infeasible_repairs_fail_and_say_which_points_conflict()
    {
        var options = Options(regions: false) with { MaxWeightChange = 1e-4, MaxIterations = 1 };
        var run = await new RepairLoop(EngineCatalog.Default).RunAsync(TwoSided, [YZeroAtLeastYOne], [], options, TestContext.Current.CancellationToken);

        Assert.Equal(RepairOutcome.Failed, run.Outcome);
        var attempt = Assert.Single(run.Iterations).Attempt;
        Assert.Equal(RepairStatus.Infeasible, attempt.Status);
        Assert.NotEmpty(attempt.Conflicts);
        Assert.Contains("conflicting edit points", run.Detail);
    }
}
