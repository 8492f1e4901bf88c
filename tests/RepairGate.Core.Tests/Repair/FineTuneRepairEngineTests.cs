using RepairGate.Core.Repair;
using RepairGate.Core.Repair.FineTune;
using RepairGate.Core.Repair.Layerwise;
using RepairGate.Core.Tests.Verification;
using static RepairGate.Core.Tests.Repair.TinyNetworks;

namespace RepairGate.Core.Tests.Repair;

public class FineTuneRepairEngineTests
{
    private const double Margin = 1e-3;

    private static Task<RepairAttempt> Repair(RepairProblem problem) =>
        new FineTuneRepairEngine().RepairAsync(problem, TestContext.Current.CancellationToken);

    private static RepairProblem Misclassified(int seed)
    {
        var network = RandomNetworks.Create(seed, 3, [8, 8], 3);
        var random = new Random(seed);
        var edits = new List<RepairPoint>();
        for (var i = 0; i < 4; i++)
        {
            var x = RandomNetworks.Point(random, [-1, -1, -1], [1, 1, 1]);
            var y = network.Evaluate(x);
            var wanted = (Array.IndexOf(y, y.Max()) + 1) % 3;
            edits.Add(new RepairPoint(x, MilpRepairEngineTests.ClassIs(wanted, 3), $"point {i} wants class {wanted}"));
        }
        var preserve = Enumerable.Range(0, 20).Select(_ => RandomNetworks.Point(random, [-1, -1, -1], [1, 1, 1])).ToList();
        return new RepairProblem(network, edits, preserve, [2, 4], WeightNorm.LInf, Margin);
    }

    [Fact]
    public async Task Simple_threshold_is_repaired()
    {
        var network = Dense(([1, 0, 0, 1], [0, 0]), ([1, 1], [0]));
        var problem = new RepairProblem(network, [AtMost([1, 2], 2, "p")], [], [0, 2], WeightNorm.LInf, Margin);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Repaired, attempt.Status);
        Assert.True(EditPointCheck.IsSafe(attempt.Repaired!, problem.Edits[0]));
        Assert.Equal("TorchSharp Adam", attempt.Solver["solver"]);
    }

    [Fact]
    public async Task Misclassified_points_are_repaired_deterministically()
    {
        var first = await Repair(Misclassified(5));
        var second = await Repair(Misclassified(5));

        Assert.Equal(RepairStatus.Repaired, first.Status);
        Assert.Empty(EditPointCheck.Failing(first.Repaired!, Misclassified(5).Edits));
        Assert.Equal(((Model.AffineLayer)first.Repaired!.Layers[4]).Weights, ((Model.AffineLayer)second.Repaired!.Layers[4]).Weights);
    }

    [Fact]
    public async Task An_impossible_repair_is_never_reported_as_repaired()
    {
        // y = h0 + h1 ≥ 0 whatever layer 0 is, so y ≤ -m cannot be reached; training must end without a claim.
        var problem = new RepairProblem(BothReluOff(), [AtLeast([1, 2], 1, "fixable"), AtMost([1, 1], 0, "never")], [], [0],
            WeightNorm.LInf, Margin, MaxWeightChange: 2);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Failed, attempt.Status);
        Assert.Null(attempt.Repaired);
    }

    [Fact]
    public async Task Weight_change_bound_is_kept()
    {
        var network = Dense(([1, 0, 0, 1], [0, 0]), ([1, 1], [0]));
        var problem = new RepairProblem(network, [AtMost([1, 2], 2, "p")], [], [0, 2], WeightNorm.LInf, Margin, MaxWeightChange: 0.2);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Repaired, attempt.Status);
        Assert.True(LayerChanges.Norm(network, attempt.Repaired!, [0, 2], WeightNorm.LInf) <= 0.2 + 1e-12);
    }
}
