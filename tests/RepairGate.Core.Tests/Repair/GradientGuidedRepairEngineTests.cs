using RepairGate.Core.Repair;
using RepairGate.Core.Repair.Gradient;
using RepairGate.Core.Repair.Layerwise;
using RepairGate.Core.Tests.Verification;
using static RepairGate.Core.Tests.Repair.TinyNetworks;

namespace RepairGate.Core.Tests.Repair;

public class GradientGuidedRepairEngineTests
{
    private const double Margin = 1e-3;

    private static Task<RepairAttempt> Repair(RepairProblem problem) =>
        new GradientGuidedRepairEngine().RepairAsync(problem, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Hidden_layer_change_is_close_to_the_known_optimum()
    {
        // x = (1, 2), z = x (both ReLUs on), y = z0 + z1 = 3; y ≤ 2 - m needs each row of the hidden layer to drop by
        // (1 + m)/2 with 4 parameters weighted 1, 2, 1 (|a| + bias): optimum max |Δw| = (1 + m)/8 (as the MILP finds).
        var network = Dense(([1, 0, 0, 1], [0, 0]), ([1, 1], [0]));
        var problem = new RepairProblem(network, [AtMost([1, 2], 2, "p")], [], [0], WeightNorm.LInf, Margin);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Repaired, attempt.Status);
        Assert.True(EditPointCheck.IsSafe(attempt.Repaired!, problem.Edits[0]));
        var change = LayerChanges.Norm(network, attempt.Repaired!, [0], WeightNorm.LInf);
        Assert.InRange(change, (1 + Margin) / 8, (1 + 2 * Margin) / 8);
        Assert.Equal("GLOP", attempt.Solver["solver"]);
    }

    [Fact]
    public async Task A_pattern_that_must_flip_is_beyond_the_linearisation()
    {
        // Both hidden ReLUs are off, so the frozen pattern gives the output no dependence on layer 0 at all.
        var attempt = await Repair(new RepairProblem(BothReluOff(), [AtLeast([1, 2], 1, "p")], [], [0], WeightNorm.LInf, Margin));

        Assert.Equal(RepairStatus.Failed, attempt.Status);
        Assert.Null(attempt.Repaired);
        Assert.Empty(attempt.Conflicts);
    }

    [Fact]
    public async Task Misclassified_points_are_repaired_over_several_layers()
    {
        var network = RandomNetworks.Create(5, 3, [8, 8], 3);
        var random = new Random(5);
        var edits = new List<RepairPoint>();
        for (var i = 0; i < 4; i++)
        {
            var x = RandomNetworks.Point(random, [-1, -1, -1], [1, 1, 1]);
            var y = network.Evaluate(x);
            var wanted = (Array.IndexOf(y, y.Max()) + 1) % 3;
            edits.Add(new RepairPoint(x, MilpRepairEngineTests.ClassIs(wanted, 3), $"point {i} wants class {wanted}"));
        }
        var preserve = Enumerable.Range(0, 20).Select(_ => RandomNetworks.Point(random, [-1, -1, -1], [1, 1, 1])).ToList();
        var problem = new RepairProblem(network, edits, preserve, [0, 2], WeightNorm.LInf, Margin);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Repaired, attempt.Status);
        Assert.Empty(EditPointCheck.Failing(attempt.Repaired!, edits));
        Assert.Same(network.Layers[4], attempt.Repaired!.Layers[4]); // only the allowed hidden layers change
    }
}
