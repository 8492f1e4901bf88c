using RepairGate.Core.Specs;
using RepairGate.Core.Verification;
using RepairGate.Core.Verification.Proof;

namespace RepairGate.Core.Tests.Verification;

/// <summary>Cross-checks that do not use the prover's bounds: interval-arithmetic big-M MILP, dense sampling, OnnxRuntime.</summary>
internal static class IndependentChecks
{
    /// <summary>Plain interval propagation of the pre-activation bounds of each ReLU step (sound, loose, independent of back-substitution).</summary>
    public static (double[]?[] Lower, double[]?[] Upper) IntervalBounds(PiecewiseLinearNetwork plan, double[] lower, double[] upper)
    {
        var pre = new double[]?[plan.Steps.Count];
        var preUpper = new double[]?[plan.Steps.Count];
        double[] lo = lower, hi = upper;
        for (var s = 0; s < plan.Steps.Count; s++)
        {
            var step = plan.Steps[s];
            var l = new double[step.Outputs];
            var u = new double[step.Outputs];
            for (var o = 0; o < step.Outputs; o++)
            {
                l[o] = u[o] = step.Bias[o];
                for (var i = 0; i < step.Inputs; i++)
                {
                    var w = step.Weights[o * step.Inputs + i];
                    l[o] += w * (w >= 0 ? lo[i] : hi[i]);
                    u[o] += w * (w >= 0 ? hi[i] : lo[i]);
                }
            }
            if (!step.Relu) break;
            pre[s] = l;
            preUpper[s] = u;
            lo = l.Select(v => Math.Max(v, 0)).ToArray();
            hi = u.Select(v => Math.Max(v, 0)).ToArray();
        }
        return (pre, preUpper);
    }

    /// <summary>Exact MILP over the whole input box of every case and every polytope: true when all are excluded.</summary>
    public static bool MilpExcludesEverything(Model.Network network, VnnProperty property, TimeSpan limitPerPolytope)
    {
        var plan = PiecewiseLinearNetwork.From(network);
        foreach (var @case in property.Cases)
        {
            var (lower, upper) = (@case.Input.Lower, @case.Input.Upper);
            var (preLower, preUpper) = IntervalBounds(plan, lower, upper);
            foreach (var polytope in @case.UnsafeOutputs)
            {
                var result = MilpEncoding.Solve(plan, lower, upper, preLower, preUpper, polytope.Constraints, 1e-4, limitPerPolytope, TestContext.Current.CancellationToken);
                if (result.Status != MilpStatus.Excluded) return false;
            }
        }
        return true;
    }

    /// <summary>Dense uniform sampling plus the box corners nearest each polytope's direction: the smallest unsafe margin seen.</summary>
    public static double SampledMargin(Model.Network network, VnnProperty property, int samples, int seed)
    {
        var random = new Random(seed);
        var best = double.PositiveInfinity;
        foreach (var @case in property.Cases)
            for (var k = 0; k < samples; k++)
                best = Math.Min(best, @case.UnsafeMargin(network.Evaluate(RandomNetworks.Point(random, @case.Input.Lower, @case.Input.Upper))));
        return best;
    }

    /// <summary>Re-runs a counterexample in a fresh OnnxRuntime session and checks it is in its box and unsafe.</summary>
    public static void AssertConfirmed(Model.Network network, VnnProperty property, Counterexample counterexample)
    {
        using var oracle = Core.Onnx.OnnxRuntimeOracle.For(network);
        var y = oracle.Run(counterexample.Input).Select(v => (double)v).ToArray();
        var x = counterexample.Input.Select(v => (double)v).ToArray();
        Assert.True(property.IsCounterexample(x, y, out _), "OnnxRuntime does not confirm the counterexample");
    }
}
