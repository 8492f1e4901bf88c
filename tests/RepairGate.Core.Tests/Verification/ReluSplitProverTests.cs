using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;
using RepairGate.Core.Verification.Proof;

namespace RepairGate.Core.Tests.Verification;

public class ReluSplitProverTests
{
    private static ProofOutcome Prove(ReluSplitProver prover, Network network, VnnProperty property, double seconds = 30, VerificationStatistics? statistics = null)
    {
        using var oracle = OnnxRuntimeOracle.For(network);
        return prover.Prove(network, new CounterexampleConfirmer(property, oracle), DateTime.UtcNow.AddSeconds(seconds), statistics ?? new VerificationStatistics(), TestContext.Current.CancellationToken);
    }

    /// <summary>Robustness-style property: around <paramref name="centre"/>, some other output reaches the top one.</summary>
    private static VnnProperty Robustness(Network network, double[] centre, double eps)
    {
        var y = network.Evaluate(centre);
        var label = Array.IndexOf(y, y.Max());
        var polytopes = Enumerable.Range(0, y.Length).Where(j => j != label).Select(j =>
        {
            var c = new double[y.Length];
            c[label] = 1;
            c[j] = -1; // Y_label - Y_j ≤ 0
            return new OutputPolytope([new LinearConstraint(c, 0)]);
        }).ToList();
        var box = new InputBox(centre.Select(v => v - eps).ToArray(), centre.Select(v => v + eps).ToArray());
        return new VnnProperty($"robust-{eps}", centre.Length, y.Length, [new PropertyCase(box, polytopes)]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Verdicts_on_random_30_input_networks_are_cross_checked(int seed)
    {
        var network = RandomNetworks.Create(seed, 30, [8, 8], 3);
        var centre = RandomNetworks.Point(new Random(seed), new double[30].Select(_ => -1.0).ToArray(), new double[30].Select(_ => 1.0).ToArray());
        int sat = 0, unsat = 0;
        foreach (var eps in new[] { 0.01, 0.05, 0.2, 0.6, 1.5 })
        {
            var property = Robustness(network, centre, eps);
            // With MILP leaves the prover must decide; pure branch and bound (LP leaves only), where it decides in its
            // short budget, must agree.
            var withMilp = Prove(new ReluSplitProver(), network, property);
            var withoutMilp = Prove(new ReluSplitProver(milpMaxUnstable: 0), network, property, seconds: 3);
            if (withoutMilp.Status != ProofStatus.Timeout) Assert.Equal(withMilp.Status, withoutMilp.Status);
            switch (withMilp.Status)
            {
                case ProofStatus.Violated:
                    sat++;
                    IndependentChecks.AssertConfirmed(network, property, withMilp.Counterexample!);
                    break;
                case ProofStatus.Proven:
                    unsat++;
                    Assert.True(IndependentChecks.MilpExcludesEverything(network, property, TimeSpan.FromSeconds(20)), $"eps {eps}: MILP does not confirm unsat");
                    Assert.True(IndependentChecks.SampledMargin(network, property, 20000, seed) > 0, $"eps {eps}: sampling finds a violation of a proven property");
                    break;
                default:
                    Assert.Fail($"eps {eps}: {withMilp.Status} ({withMilp.Detail})");
                    break;
            }
        }
        Assert.True(sat > 0 && unsat > 0, $"want both verdicts, got {sat} sat and {unsat} unsat");
    }

    [Fact]
    public void Thresholds_just_above_and_below_the_exact_maximum_are_decided_correctly()
    {
        for (var seed = 40; seed < 42; seed++)
        {
            var network = RandomNetworks.Create(seed, 20, [8, 8], 1);
            var lower = Enumerable.Repeat(-0.1, 20).ToArray();
            var upper = Enumerable.Repeat(0.1, 20).ToArray();
            var plan = PiecewiseLinearNetwork.From(network);
            var (preLower, preUpper) = IndependentChecks.IntervalBounds(plan, lower, upper);
            // The maximum of Y_0 by MILP (minimise t ≥ -Y_0; a margin so large it is never "excluded"): its point gives a
            // value the network reaches, its proven bound a value it never exceeds.
            var exact = MilpEncoding.Solve(plan, lower, upper, preLower, preUpper, [new LinearConstraint([-1], 0)], 1e9, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
            var reached = network.Evaluate(exact.Point!)[0];
            var neverExceeded = -exact.BestBound;
            Assert.True(neverExceeded - reached < 0.05, "the MILP should be solved to a small gap");
            VnnProperty Above(double threshold) => new("threshold", 20, 1, [new PropertyCase(new InputBox(lower, upper), [new OutputPolytope([new LinearConstraint([-1], -threshold)])])]);

            var below = Prove(new ReluSplitProver(), network, Above(reached - 1e-3));
            Assert.Equal(ProofStatus.Violated, below.Status);
            var above = Prove(new ReluSplitProver(), network, Above(neverExceeded + 1e-3));
            Assert.Equal(ProofStatus.Proven, above.Status);
        }
    }

    [Fact]
    public void Disjunctive_properties_report_the_violated_case()
    {
        var network = RandomNetworks.Create(5, 25, [10], 2);
        var random = new Random(5);
        var safeCentre = RandomNetworks.Point(random, Enumerable.Repeat(-1.0, 25).ToArray(), Enumerable.Repeat(1.0, 25).ToArray());
        var safe = Robustness(network, safeCentre, 0.001);
        var unsafeCase = Robustness(network, safeCentre, 3).Cases[0]; // a ball so large that the other class wins somewhere
        var both = new VnnProperty("two-cases", 25, 2, [safe.Cases[0], unsafeCase]);

        Assert.Equal(ProofStatus.Proven, Prove(new ReluSplitProver(), network, safe).Status);
        var outcome = Prove(new ReluSplitProver(), network, both);
        Assert.Equal(ProofStatus.Violated, outcome.Status);
        Assert.Equal(1, outcome.Counterexample!.CaseIndex);
        IndependentChecks.AssertConfirmed(network, both, outcome.Counterexample);

        // Two safe cases, each with a polytope of two constraints: proven.
        var twoConstraints = new OutputPolytope([new LinearConstraint([1, -1], 0), new LinearConstraint([-1, 0], 1e3)]);
        var reshaped = new VnnProperty("two-safe", 25, 2, [safe.Cases[0] with { UnsafeOutputs = [safe.Cases[0].UnsafeOutputs[0], twoConstraints] }, safe.Cases[0]]);
        var label = Array.IndexOf(network.Evaluate(safeCentre), network.Evaluate(safeCentre).Max());
        if (label == 0) Assert.Equal(ProofStatus.Proven, Prove(new ReluSplitProver(), network, reshaped).Status);
        else Assert.NotEqual(ProofStatus.Proven, Prove(new ReluSplitProver(), network, reshaped).Status);
    }

    [Fact]
    public void The_strategy_follows_the_network_input_dimension_and_unstable_neurons()
    {
        var image = OnnxModelLoader.Load(TestData.FashionMnistModel);
        Assert.False(AdaptiveProver.PrefersInputSplitting(image, VnnLibParser.Load(TestData.FashionMnist("vnnlib/img1_eps0.02.vnnlib"))));
        var acas = OnnxModelLoader.Load(TestData.AcasNetwork(1, 1));
        Assert.True(AdaptiveProver.PrefersInputSplitting(acas, VnnLibParser.Load(TestData.AcasProperty(1))));
    }

    private static Network FashionMnist() => OnnxModelLoader.Load(TestData.FashionMnistModel);

    private static VnnProperty FashionMnistProperty(string name) => VnnLibParser.Load(TestData.FashionMnist($"vnnlib/{name}.vnnlib"));

    [Theory]
    [InlineData("img2_eps0.02")]
    [InlineData("img2_eps0.05")] // needs ReLU splits
    public void Fashion_mnist_robustness_is_proven_and_no_attack_finds_a_violation(string name)
    {
        var network = FashionMnist();
        var property = FashionMnistProperty(name);
        var statistics = new VerificationStatistics();
        var outcome = Prove(new ReluSplitProver(), network, property, statistics: statistics);
        Assert.Equal(ProofStatus.Proven, outcome.Status);
        Assert.True(statistics.Branches >= 9, "one branch per other class at least");
        // A whole-property MILP takes minutes here (see FashionMnistVerdicts); dense sampling and PGD must find nothing.
        Assert.True(IndependentChecks.SampledMargin(network, property, 3000, 1) > 0);
        using var oracle = OnnxRuntimeOracle.For(network);
        var pgd = new PgdFalsifier(maxRounds: 2).Search(network, new CounterexampleConfirmer(property, oracle), DateTime.UtcNow.AddSeconds(20), new VerificationStatistics(), TestContext.Current.CancellationToken);
        Assert.Null(pgd);
    }

    [Fact]
    public void Fashion_mnist_violation_is_found_by_the_verifier_and_confirmed()
    {
        var network = FashionMnist();
        var property = FashionMnistProperty("img0_eps0.02");
        using var oracle = OnnxRuntimeOracle.For(network);
        var options = new VerificationOptions { Timeout = TimeSpan.FromSeconds(30) };
        var result = Verifier.CreateDefault(options).Verify(network, property, oracle, options, TestContext.Current.CancellationToken);
        Assert.Equal(Verdict.Sat, result.Verdict);
        IndependentChecks.AssertConfirmed(network, property, result.Counterexample!);
    }

    [Fact]
    public void Cancellation_stops_the_relu_split_prover()
    {
        var network = FashionMnist();
        var property = FashionMnistProperty("img3_eps0.05");
        using var oracle = OnnxRuntimeOracle.For(network);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.ThrowsAny<OperationCanceledException>(() => new ReluSplitProver().Prove(network, new CounterexampleConfirmer(property, oracle),
            DateTime.UtcNow.AddMinutes(5), new VerificationStatistics(), cancel.Token));
    }

    [Fact]
    public void The_deadline_gives_a_timeout()
    {
        var network = FashionMnist();
        var property = FashionMnistProperty("img3_eps0.05");
        var outcome = Prove(new ReluSplitProver(), network, property, seconds: 0.2);
        Assert.Equal(ProofStatus.Timeout, outcome.Status);
    }
}
