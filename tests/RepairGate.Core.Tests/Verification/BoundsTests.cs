using RepairGate.Core.Verification.Proof;

namespace RepairGate.Core.Tests.Verification;

public class BoundsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Lower_bound_functions_hold_at_every_sampled_point(int seed)
    {
        var network = RandomNetworks.Create(seed, 3, [12, 12, 8], 3);
        var plan = PiecewiseLinearNetwork.From(network);
        var random = new Random(seed);
        for (var box = 0; box < 20; box++)
        {
            var centre = RandomNetworks.Point(random, [-1, -1, -1], [1, 1, 1]);
            var radius = random.NextDouble();
            double[] lower = centre.Select(c => c - radius).ToArray(), upper = centre.Select(c => c + radius).ToArray();
            var bounds = BackSubstitutionBounds.Compute(plan, lower, upper);
            var coefficients = Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            var g = bounds.LowerBoundOf(coefficients, 0.25);
            var minimum = LinearBound.Min(g, lower, upper);
            for (var s = 0; s < 300; s++)
            {
                var x = RandomNetworks.Point(random, lower, upper);
                var y = network.Evaluate(x);
                var value = coefficients.Select((c, j) => c * y[j]).Sum() + 0.25;
                var atPoint = g.Take(3).Select((c, k) => c * x[k]).Sum() + g[3];
                Assert.True(atPoint <= value + 1e-9, $"bound function {atPoint} above the value {value}");
                Assert.True(minimum <= value + 1e-9);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Optimised_slopes_give_a_bound_that_holds_and_is_no_looser(int seed)
    {
        var network = RandomNetworks.Create(seed, 3, [12, 12, 8], 3);
        var plan = PiecewiseLinearNetwork.From(network);
        var random = new Random(seed);
        var improved = 0;
        for (var box = 0; box < 20; box++)
        {
            var centre = RandomNetworks.Point(random, [-1, -1, -1], [1, 1, 1]);
            var radius = random.NextDouble();
            double[] lower = centre.Select(c => c - radius).ToArray(), upper = centre.Select(c => c + radius).ToArray();
            var bounds = BackSubstitutionBounds.Compute(plan, lower, upper);
            // Two constraint rows c_i·y + e_i; the optimiser may move the weights but must keep the bound valid for them.
            var rows = Enumerable.Range(0, 2).Select(_ => (Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 2 - 1).ToArray(), random.NextDouble() - 0.5)).ToList();
            double[] weights = [0.5, 0.5];
            var fixedSlopes = LinearBound.Min(bounds.LowerBoundOf(rows[0].Item1.Zip(rows[1].Item1, (a, b) => (a + b) / 2).ToArray(), (rows[0].Item2 + rows[1].Item2) / 2), lower, upper);
            double[][]? slopes = null;
            var g = bounds.OptimizedLowerBoundOf(rows, weights, 30, double.PositiveInfinity, ref slopes);
            var minimum = LinearBound.Min(g, lower, upper);
            Assert.True(minimum >= fixedSlopes - 1e-12, $"optimised {minimum} below the fixed-slope bound {fixedSlopes}");
            if (minimum > fixedSlopes + 1e-9) improved++;
            Assert.True(weights.All(w => w >= 0) && Math.Abs(weights.Sum() - 1) < 1e-9);
            if (bounds.UnstableCount > 0) Assert.NotNull(slopes);
            for (var s = 0; s < 300; s++)
            {
                var x = RandomNetworks.Point(random, lower, upper);
                var y = network.Evaluate(x);
                var value = rows.Select((r, i) => weights[i] * (r.Item1.Select((c, j) => c * y[j]).Sum() + r.Item2)).Sum();
                var atPoint = g.Take(3).Select((c, k) => c * x[k]).Sum() + g[3];
                Assert.True(atPoint <= value + 1e-9, $"optimised bound function {atPoint} above the value {value}");
            }
        }
        Assert.True(improved > 0, "the optimisation never tightened a bound");
    }

    [Fact]
    public void Bounds_are_exact_on_a_point_box()
    {
        var network = RandomNetworks.Create(7, 4, [10, 10], 2);
        var plan = PiecewiseLinearNetwork.From(network);
        double[] x = [0.1, -0.3, 0.7, 0.2];
        var bounds = BackSubstitutionBounds.Compute(plan, x, x);
        Assert.Equal(0, bounds.UnstableCount);
        var y = network.Evaluate(x);
        Assert.Equal(y[0] - y[1], LinearBound.Min(bounds.LowerBoundOf([1, -1], 0), x, x), 9);
    }

    [Fact]
    public void Convolution_and_elementwise_layers_fold_into_the_same_function()
    {
        var network = Core.Onnx.OnnxModelLoader.Load(TestData.AcasNetwork(2, 4));
        var plan = PiecewiseLinearNetwork.From(network);
        Assert.Equal(7, plan.Steps.Count);
        Assert.Equal(300, plan.ReluCount);
        double[] x = [0.1, -0.2, 0.3, 0.4, -0.45];
        Assert.Equal(network.Evaluate(x), plan.Evaluate(x), (a, b) => Math.Abs(a - b) < 1e-12);
    }
}
