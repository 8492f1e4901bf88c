using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Tests.Verification;

public class FalsifierTests
{
    private static (Model.Network Network, VnnProperty Property, OnnxRuntimeOracle Oracle) Instance(int a, int b, int property)
    {
        var network = OnnxModelLoader.Load(TestData.AcasNetwork(a, b));
        return (network, VnnLibParser.Load(TestData.AcasProperty(property)), OnnxRuntimeOracle.For(network));
    }

    private static Counterexample? Run(IFalsifier falsifier, Model.Network network, VnnProperty property, IModelOracle oracle) =>
        falsifier.Search(network, new CounterexampleConfirmer(property, oracle), DateTime.UtcNow.AddSeconds(60), new VerificationStatistics(), TestContext.Current.CancellationToken);

    [Fact]
    public void Pgd_finds_a_violation_that_sampling_misses()
    {
        // ACAS Xu 1_3 violates prop_2 in a region too small for 2,000 samples but reachable by gradient descent.
        var (network, property, oracle) = Instance(1, 3, 2);
        using var _ = oracle;
        Assert.Null(Run(new SamplingFalsifier(), network, property, oracle));
        var found = Run(new PgdFalsifier(), network, property, oracle);
        Assert.NotNull(found);
        Assert.Equal("pgd", found.FoundBy);
        Assert.True(property.IsCounterexample(found.Input.Select(v => (double)v).ToArray(), found.Output.Select(v => (double)v).ToArray(), out var caseIndex));
        Assert.Equal(0, caseIndex);
    }

    [Fact]
    public void Falsification_is_deterministic_for_a_seed()
    {
        var (network, property, oracle) = Instance(1, 3, 2);
        using var _ = oracle;
        var first = Run(new PgdFalsifier(seed: 5), network, property, oracle);
        var second = Run(new PgdFalsifier(seed: 5), network, property, oracle);
        Assert.NotNull(first);
        Assert.Equal(first.Input, second!.Input);
    }

    [Fact]
    public void A_property_without_output_constraints_is_violated_at_the_box_centre()
    {
        var (network, _, oracle) = Instance(1, 1, 1);
        using var _ = oracle;
        var text = string.Concat(Enumerable.Range(0, 5).Select(i => $"(declare-const X_{i} Real)\n(assert (>= X_{i} -0.1))\n(assert (<= X_{i} 0.1))\n"))
                   + string.Concat(Enumerable.Range(0, 5).Select(i => $"(declare-const Y_{i} Real)\n"));
        var property = VnnLibParser.Parse(text, "everything-unsafe.vnnlib");
        var found = Run(new SamplingFalsifier(), network, property, oracle);
        Assert.NotNull(found);
        Assert.All(found.Input, v => Assert.InRange(v, -0.1f, 0.1f));
    }

    [Fact]
    public void Disjunctive_input_boxes_are_all_searched_and_the_case_is_reported()
    {
        // y = x; only the second box reaches the unsafe set (y >= 2.5 for x in [2, 3]).
        var network = new Model.Network([new Model.AffineLayer([1.0], [0.0], [1], [1], "identity")], new Model.NetworkIo("X", [1, 1], "Y", [1, 1]), "identity.onnx");
        var property = VnnLibParser.Parse(
            "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n" +
            "(assert (or (and (>= X_0 0) (<= X_0 1) (>= Y_0 5)) (and (>= X_0 2) (<= X_0 3) (>= Y_0 2.5))))\n", "two-boxes.vnnlib");
        using var oracle = OnnxRuntimeOracle.For(network);
        foreach (IFalsifier falsifier in new IFalsifier[] { new SamplingFalsifier(), new PgdFalsifier() })
        {
            var found = Run(falsifier, network, property, oracle);
            Assert.NotNull(found);
            Assert.Equal(1, found.CaseIndex);
            Assert.InRange(found.Input[0], 2.5f, 3f);
        }
    }
}
