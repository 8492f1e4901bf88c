using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Tests.Verification;

public class CounterexampleConfirmerTests
{
    // Unsafe when Y_0 >= 1, inputs in [0, 1].
    private static readonly VnnProperty Property = VnnLibParser.Parse(
        "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(assert (>= X_0 0))\n(assert (<= X_0 1))\n(assert (>= Y_0 1))\n", "p.vnnlib");

    private sealed class FixedOracle(float output) : IModelOracle
    {
        public float[] Run(ReadOnlySpan<float> input) => [output];
    }

    [Fact]
    public void Accepts_only_what_the_oracle_confirms()
    {
        var found = new CounterexampleConfirmer(Property, new FixedOracle(1.5f)).Confirm([0.5f], "test");
        Assert.NotNull(found);
        Assert.Equal([1.5f], found.Output);
        Assert.Equal(-0.5, found.Margin);
        Assert.Null(new CounterexampleConfirmer(Property, new FixedOracle(0.999f)).Confirm([0.5f], "test"));
    }

    [Fact]
    public void Rejects_inputs_outside_the_box()
    {
        Assert.Null(new CounterexampleConfirmer(Property, new FixedOracle(5f)).Confirm([1.5f], "test"));
    }

    [Fact]
    public void Verifier_never_reports_a_candidate_the_oracle_rejects()
    {
        // The network says every input is unsafe; the "real model" (oracle) disagrees: the verdict must not be sat.
        var network = new Model.Network([new Model.AffineLayer([0.0], [2.0], [1], [1], "constant 2")], new Model.NetworkIo("x", [1, 1], "y", [1, 1]), "n.onnx");
        var options = new VerificationOptions { Timeout = TimeSpan.FromSeconds(20) };
        var result = Verifier.CreateDefault(options).Verify(network, Property, new FixedOracle(0f), options, TestContext.Current.CancellationToken);
        Assert.Equal(Verdict.Unknown, result.Verdict);
        Assert.Null(result.Counterexample);
        Assert.True(result.Statistics.RejectedCandidates > 0);
    }
}
