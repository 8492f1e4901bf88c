using RepairGate.Core.Model;
using RepairGate.Core.Repair;
using static RepairGate.Core.Tests.Repair.TinyNetworks;

namespace RepairGate.Core.Tests.Repair;

public class LayerLpEngineTests
{
    // y = x on two inputs; at x = (1, 0), y = (1, 0). Unsafe: Y_1 - Y_0 ≤ 0, so y_1 must exceed y_0 by the margin 0.2.
    // Only W00, W10, b0, b1 act at this input, each by ±t at best: 4t = 1 + 0.2, so the optimal L∞ change is 0.3,
    // and any split of 1.2 is L1-optimal.
    private static readonly Network Identity = Chain(2, Dense([1, 0, 0, 1], [0, 0], 2));
    private static readonly RepairPoint PreferOne = Point([1, 0], "prefer Y_1", Unsafe([-1, 1], 0));

    [Fact]
    public async Task Last_layer_LP_finds_the_optimal_Linf_change()
    {
        var attempt = await new LastLayerLpEngine(fidelityWeight: 0).RepairAsync(Problem(Identity, [PreferOne], 0), TestContext.Current.CancellationToken);

        Assert.Equal(RepairStatus.Repaired, attempt.Status);
        var change = RepairMeasure.Change(Identity, attempt.Repaired!);
        Assert.Equal(0.3, change.LInf, 6);
        var y = attempt.Repaired!.Evaluate([1.0, 0.0]);
        Assert.True(y[1] - y[0] >= 0.2 - 1e-6, $"y = [{y[0]}, {y[1]}]");
        // W01 and W11 untouched: the second input is zero at the edit, so those weights cannot help.
        var layer = (AffineLayer)attempt.Repaired.Layers[0];
        Assert.Equal(0, layer.Weight(0, 1));
        Assert.Equal(1, layer.Weight(1, 1));
    }

    [Fact]
    public async Task Last_layer_LP_finds_the_optimal_L1_change()
    {
        var attempt = await new LastLayerLpEngine(fidelityWeight: 0).RepairAsync(Problem(Identity, [PreferOne], 0, WeightNorm.L1), TestContext.Current.CancellationToken);

        Assert.Equal(RepairStatus.Repaired, attempt.Status);
        Assert.Equal(1.2, RepairMeasure.Change(Identity, attempt.Repaired!).L1, 6);
    }

    [Fact]
    public async Task Contradictory_points_are_infeasible_and_named()
    {
        var preferZero = Point([1, 0], "prefer Y_0", Unsafe([1, -1], 0));
        var unrelated = Point([0, 1], "unrelated", Unsafe([1, 0], -5)); // unsafe when Y_0 ≤ -5: far away
        var attempt = await new LastLayerLpEngine(fidelityWeight: 0).RepairAsync(Problem(Identity, [PreferOne, preferZero, unrelated], 0), TestContext.Current.CancellationToken);

        Assert.Equal(RepairStatus.Infeasible, attempt.Status);
        Assert.Null(attempt.Repaired);
        Assert.Equal(["prefer Y_0", "prefer Y_1"], attempt.Conflicts.Order());
    }

    [Fact]
    public async Task Weight_bounds_can_make_a_repair_infeasible()
    {
        var problem = Problem(Identity, [PreferOne], 0) with { MaxWeightChange = 0.29 };
        var attempt = await new LastLayerLpEngine(fidelityWeight: 0).RepairAsync(problem, TestContext.Current.CancellationToken);

        Assert.Equal(RepairStatus.Infeasible, attempt.Status);
        Assert.Equal(["prefer Y_1"], attempt.Conflicts);
    }

    [Fact]
    public async Task Last_layer_LP_refuses_a_hidden_layer()
    {
        var network = Chain(1, Dense([1, -1], [0, 0], 1), new ReluLayer([2], "relu"), Dense([1, 1], [0], 2));
        var attempt = await new LastLayerLpEngine().RepairAsync(Problem(network, [Point([1], "p", Unsafe([-1], -0.5))], 0), TestContext.Current.CancellationToken);

        Assert.Equal(RepairStatus.Failed, attempt.Status);
        Assert.Contains("pattern-lp", attempt.Detail);
    }

    // y = relu(x) + relu(-x) = |x|. At x = 1 the first hidden unit is active (z = 1), the second inactive (z = -1).
    // Unsafe: Y_0 ≥ 0.5 (-Y_0 ≤ -0.5); with margin 0.1, y ≤ 0.4, so Δz_0 = Δw_0 + Δb_0 ≤ -0.6: optimal L∞ change 0.3,
    // and z_0 = 0.4 stays positive, so the frozen pattern holds.
    [Fact]
    public async Task Pattern_LP_repairs_a_hidden_layer_with_the_optimal_change()
    {
        var network = Chain(1, Dense([1, -1], [0, 0], 1), new ReluLayer([2], "relu"), Dense([1, 1], [0], 2));
        var problem = Problem(network, [Point([1], "x = 1", Unsafe([-1], -0.5))], 0, margin: 0.1);
        var attempt = await new PatternLpEngine(fidelityWeight: 0).RepairAsync(problem, TestContext.Current.CancellationToken);

        Assert.Equal(RepairStatus.Repaired, attempt.Status);
        Assert.Equal(0.3, RepairMeasure.Change(network, attempt.Repaired!).LInf, 6);
        Assert.Equal(0.4, attempt.Repaired!.Evaluate([1.0])[0], 6);
        Assert.Equal(1.0, attempt.Repaired.Evaluate([-1.0])[0], 6); // the other branch is untouched
    }

    // Pushing y(1) below -0.1 would need z_0 < 0, which flips the frozen unit: the pattern LP must not claim a repair.
    [Fact]
    public async Task Pattern_LP_does_not_break_the_frozen_pattern()
    {
        var network = Chain(1, Dense([1, -1], [0, 0], 1), new ReluLayer([2], "relu"), Dense([1, 1], [0], 2));
        var problem = Problem(network, [Point([1], "x = 1", Unsafe([-1], 0.1))], 0, margin: 0.1); // unsafe: y ≥ -0.1
        var attempt = await new PatternLpEngine(fidelityWeight: 0).RepairAsync(problem, TestContext.Current.CancellationToken);

        Assert.NotEqual(RepairStatus.Repaired, attempt.Status);
        Assert.Equal(["x = 1"], attempt.Conflicts);
    }
}
