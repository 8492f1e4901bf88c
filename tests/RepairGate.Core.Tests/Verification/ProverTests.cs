using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;
using RepairGate.Core.Verification.Proof;

namespace RepairGate.Core.Tests.Verification;

public class ProverTests
{
    private static VerificationResult Verify(Model.Network network, VnnProperty property, double seconds = 60)
    {
        using var oracle = OnnxRuntimeOracle.For(network);
        var options = new VerificationOptions { Timeout = TimeSpan.FromSeconds(seconds) };
        return Verifier.CreateDefault(options).Verify(network, property, oracle, options, TestContext.Current.CancellationToken);
    }

    /// <summary>Unsafe when Y_0 ≥ threshold, inputs in [-1, 1]^3.</summary>
    private static VnnProperty Threshold(double threshold) => VnnLibParser.Parse(
        string.Concat(Enumerable.Range(0, 3).Select(i => $"(declare-const X_{i} Real)\n(assert (>= X_{i} -1))\n(assert (<= X_{i} 1))\n"))
        + "(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n"
        + $"(assert (>= Y_0 {threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}))\n", "threshold.vnnlib");

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void Verdicts_on_random_networks_agree_with_dense_sampling(int seed)
    {
        var network = RandomNetworks.Create(seed, 3, [10, 10], 2);
        var random = new Random(seed);
        var sampledMax = Enumerable.Range(0, 20000).Max(_ => network.Evaluate(RandomNetworks.Point(random, [-1, -1, -1], [1, 1, 1]))[0]);

        // Slightly below the sampled maximum: violated. Well above it: must be proven, and sampling agrees.
        var below = Verify(network, Threshold(sampledMax - 0.05));
        Assert.Equal(Verdict.Sat, below.Verdict);
        Assert.True(below.Counterexample!.Output[0] >= sampledMax - 0.05);

        var above = Verify(network, Threshold(sampledMax + 0.5));
        Assert.Equal(Verdict.Unsat, above.Verdict);
    }

    [Fact]
    public void Unsat_is_never_claimed_where_sampling_finds_a_violation()
    {
        for (var seed = 20; seed < 30; seed++)
        {
            var network = RandomNetworks.Create(seed, 3, [8, 8], 2);
            var random = new Random(seed);
            var sampledMax = Enumerable.Range(0, 5000).Max(_ => network.Evaluate(RandomNetworks.Point(random, [-1, -1, -1], [1, 1, 1]))[0]);
            var result = Verify(network, Threshold(sampledMax - 1e-3));
            Assert.NotEqual(Verdict.Unsat, result.Verdict);
        }
    }

    [Theory]
    [InlineData("test_nano.onnx", "test_nano.vnnlib")]
    [InlineData("test_tiny.onnx", "test_tiny.vnnlib")]
    [InlineData("test_small.onnx", "test_small.vnnlib")]
    [InlineData("test_unsat.onnx", "test_prop.vnnlib")]
    public void Test_benchmark_unsat_instances_are_proven(string model, string property)
    {
        var result = Verify(OnnxModelLoader.Load(TestData.TestBenchmark(model)), VnnLibParser.Load(TestData.TestBenchmark(property)));
        Assert.Equal(Verdict.Unsat, result.Verdict);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 3, 4)]
    [InlineData(1, 7, 2)] // a joint (multi-constraint) unsafe polytope: strong branching
    public void Acas_instances_that_hold_are_proven(int a, int b, int property)
    {
        var result = Verify(OnnxModelLoader.Load(TestData.AcasNetwork(a, b)), VnnLibParser.Load(TestData.AcasProperty(property)), 100);
        Assert.Equal(Verdict.Unsat, result.Verdict);
        Assert.True(result.Statistics.Branches > 0);
    }

    [Fact]
    public void Cancellation_stops_the_prover()
    {
        var network = OnnxModelLoader.Load(TestData.AcasNetwork(1, 1));
        var property = VnnLibParser.Load(TestData.AcasProperty(3));
        using var oracle = OnnxRuntimeOracle.For(network);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var prover = new InputSplitProver();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            prover.Prove(network, new CounterexampleConfirmer(property, oracle), DateTime.UtcNow.AddMinutes(5), new VerificationStatistics(), cancel.Token));
    }

    [Fact]
    public void The_deadline_gives_a_timeout()
    {
        var network = OnnxModelLoader.Load(TestData.AcasNetwork(1, 1));
        var property = VnnLibParser.Load(TestData.AcasProperty(3));
        using var oracle = OnnxRuntimeOracle.For(network);
        var outcome = new InputSplitProver().Prove(network, new CounterexampleConfirmer(property, oracle), DateTime.UtcNow.AddMilliseconds(300), new VerificationStatistics(), TestContext.Current.CancellationToken);
        Assert.Equal(ProofStatus.Timeout, outcome.Status);
    }
}
