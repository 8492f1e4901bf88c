using RepairGate.Core.Repair;
using RepairGate.Core.Repair.Layerwise;
using RepairGate.Core.Repair.Milp;
using RepairGate.Core.Specs;
using RepairGate.Core.Tests.Verification;
using static RepairGate.Core.Tests.Repair.TinyNetworks;

namespace RepairGate.Core.Tests.Repair;

public class MilpRepairEngineTests
{
    private const double Margin = 1e-3;

    private static Task<RepairAttempt> Repair(RepairProblem problem) =>
        new MilpRepairEngine().RepairAsync(problem, TestContext.Current.CancellationToken);

    private static double MaxChange(Model.Network before, Model.Network after, int layer)
    {
        var a = (Model.AffineLayer)before.Layers[layer];
        var b = (Model.AffineLayer)after.Layers[layer];
        return a.Weights.Zip(b.Weights).Concat(a.Bias.Zip(b.Bias)).Max(p => Math.Abs(p.First - p.Second));
    }

    private static double TotalChange(Model.Network before, Model.Network after, int layer)
    {
        var a = (Model.AffineLayer)before.Layers[layer];
        var b = (Model.AffineLayer)after.Layers[layer];
        return a.Weights.Zip(b.Weights).Concat(a.Bias.Zip(b.Bias)).Sum(p => Math.Abs(p.First - p.Second));
    }

    [Fact]
    public async Task Hidden_layer_optimum_turns_both_relus_on()
    {
        // Under the original activation pattern y ≡ 0, so a fixed-pattern LP has no solution; the MILP must flip
        // both ReLUs: y = (4t - 1) + (4t - 2) ≥ 1 + m gives the optimum t = (4 + m)/8.
        var network = BothReluOff();
        var problem = new RepairProblem(network, [AtLeast([1, 2], 1, "p")], [], [0], WeightNorm.LInf, Margin);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Repaired, attempt.Status);
        Assert.Equal((4 + Margin) / 8, MaxChange(network, attempt.Repaired!, 0), 6);
        Assert.True(EditPointCheck.IsSafe(attempt.Repaired!, problem.Edits[0]));
        Assert.Equal("OPTIMAL", attempt.Solver["status"]);
        Assert.Equal("SCIP", attempt.Solver["solver"]);
        Assert.True(int.Parse(attempt.Solver["binaries"], System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.Same(network.Layers[2], attempt.Repaired!.Layers[2]);
    }

    [Fact]
    public async Task L1_optimum_spends_everything_on_the_largest_input()
    {
        // Cheapest in Σ|Δw|: raise W[0,1] (input 2) until z0 = 1 + m, i.e. by (2 + m)/2; turning on neuron 1 costs 1 first.
        var network = BothReluOff();
        var problem = new RepairProblem(network, [AtLeast([1, 2], 1, "p")], [], [0], WeightNorm.L1, Margin);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Repaired, attempt.Status);
        Assert.Equal((2 + Margin) / 2, TotalChange(network, attempt.Repaired!, 0), 6);
    }

    [Fact]
    public async Task Safe_edits_need_no_change()
    {
        var network = BothReluOff();
        var problem = new RepairProblem(network, [AtMost([1, 2], 0.5, "already safe")], [], [0], WeightNorm.LInf, Margin);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Repaired, attempt.Status);
        Assert.Equal(0, MaxChange(network, attempt.Repaired!, 0), 9);
    }

    [Fact]
    public async Task Weight_bound_below_the_optimum_is_infeasible_and_names_the_point()
    {
        var problem = new RepairProblem(BothReluOff(), [AtLeast([1, 2], 1, "needs 0.500125")], [], [0], WeightNorm.LInf, Margin,
            MaxWeightChange: 0.5);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Infeasible, attempt.Status);
        Assert.Null(attempt.Repaired);
        Assert.Equal(["needs 0.500125"], attempt.Conflicts);
    }

    [Fact]
    public async Task Contradictory_points_are_narrowed_to_a_minimal_conflict()
    {
        // Each point alone can be repaired; together they ask for y ≥ 2 and y ≤ 1 at the same input.
        RepairPoint[] edits =
        [
            AtMost([0, 0], 5, "harmless"),
            AtLeast([1, 2], 2, "high"),
            AtMost([0.5, 0.5], 3, "also harmless"),
            AtMost([1, 2], 1, "low"),
        ];
        var problem = new RepairProblem(BothReluOff(), edits, [], [0], WeightNorm.LInf, Margin, MaxWeightChange: 3);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Infeasible, attempt.Status);
        Assert.Equal(["high", "low"], attempt.Conflicts);
    }

    [Fact]
    public async Task A_point_no_weights_can_fix_is_found_from_the_bounds()
    {
        // y = h0 + h1 ≥ 0 for every weight, so y ≤ -m is impossible; the interval bounds show it without solving.
        RepairPoint[] edits = [AtLeast([1, 2], 1, "fixable"), AtMost([1, 1], 0, "never")];
        var problem = new RepairProblem(BothReluOff(), edits, [], [0], WeightNorm.LInf, Margin, MaxWeightChange: 10);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Infeasible, attempt.Status);
        Assert.Equal(["never"], attempt.Conflicts);
    }

    [Fact]
    public async Task Without_a_given_bound_an_empty_search_is_not_called_a_proof()
    {
        // RepairGate picks the bound itself here (a ReLU follows layer 0), so failing within it proves nothing.
        RepairPoint[] edits = [AtLeast([1, 2], 2, "high"), AtMost([1, 2], 1, "low")];
        var attempt = await Repair(new RepairProblem(BothReluOff(), edits, [], [0], WeightNorm.LInf, Margin));

        Assert.Equal(RepairStatus.Failed, attempt.Status);
        Assert.Contains("set a maximum weight change", attempt.Detail);
    }

    [Fact]
    public async Task Last_layer_infeasibility_needs_no_bound()
    {
        // No ReLU after the output layer: the program is an LP without big-M, and infeasible means impossible.
        RepairPoint[] edits = [AtLeast([1, 2], 2, "high"), AtMost([1, 2], 1, "low")];
        var attempt = await Repair(new RepairProblem(BothReluOff(), edits, [], [2], WeightNorm.LInf, Margin));

        Assert.Equal(RepairStatus.Infeasible, attempt.Status);
        Assert.Equal("none", attempt.Solver["weight_bound"]);
        Assert.Equal(["high", "low"], attempt.Conflicts);
    }

    [Fact]
    public async Task Misclassified_points_of_a_random_network_are_repaired_in_the_first_layer()
    {
        var network = RandomNetworks.Create(5, 3, [6, 6], 3);
        var random = new Random(5);
        var edits = new List<RepairPoint>();
        for (var i = 0; edits.Count < 3; i++)
        {
            var x = RandomNetworks.Point(random, [-1, -1, -1], [1, 1, 1]);
            var y = network.Evaluate(x);
            var label = Array.IndexOf(y, y.Max());
            var wanted = (label + 1) % 3; // ask for a different class than the network gives
            edits.Add(new RepairPoint(x, ClassIs(wanted, 3), $"point {i} wants class {wanted}"));
        }
        var problem = new RepairProblem(network, edits, [], [0], WeightNorm.LInf, Margin, MaxWeightChange: 1);

        var attempt = await Repair(problem);

        Assert.Equal(RepairStatus.Repaired, attempt.Status);
        Assert.Empty(EditPointCheck.Failing(attempt.Repaired!, edits));
        Assert.Equal(double.Parse(attempt.Solver["objective"], System.Globalization.CultureInfo.InvariantCulture),
            MaxChange(network, attempt.Repaired!, 0), 5);
    }

    [Fact]
    public async Task Time_limit_stops_the_solver()
    {
        var network = RandomNetworks.Create(7, 4, [24, 24, 24], 4);
        var random = new Random(7);
        var edits = Enumerable.Range(0, 30).Select(i =>
            new RepairPoint(RandomNetworks.Point(random, [-1, -1, -1, -1], [1, 1, 1, 1]), ClassIs(i % 4, 4), $"point {i}")).ToList();
        var problem = new RepairProblem(network, edits, [], [0], WeightNorm.L1, Margin, MaxWeightChange: 1,
            TimeLimit: TimeSpan.FromMilliseconds(200));

        var attempt = await Repair(problem);

        // Either no solution yet, or the incumbent (never claimed optimal) that passed the check.
        Assert.True(attempt.Status == RepairStatus.TimedOut
            || (attempt.Status == RepairStatus.Repaired && attempt.Solver["status"] == "FEASIBLE"), attempt.Detail);
        Assert.InRange(double.Parse(attempt.Solver["time_limit_seconds"], System.Globalization.CultureInfo.InvariantCulture), 0, 0.2);
    }

    /// <summary>Unsafe: some other class scores at least as high as <paramref name="label"/>.</summary>
    internal static IReadOnlyList<OutputPolytope> ClassIs(int label, int classes) =>
        Enumerable.Range(0, classes).Where(j => j != label).Select(j =>
        {
            var c = new double[classes];
            c[label] = 1;
            c[j] = -1;
            return new OutputPolytope([new LinearConstraint(c, 0)]);
        }).ToList();
}
