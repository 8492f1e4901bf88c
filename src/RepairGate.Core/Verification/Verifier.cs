using System.Diagnostics;
using RepairGate.Core.Model;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification.Proof;

namespace RepairGate.Core.Verification;

/// <summary>
/// Verifies one property of one network: cheap falsification first, then a sound and complete prover that also
/// checks suspicious points, then (if the prover could not decide) a longer search for counterexamples.
/// Every counterexample is confirmed by the oracle; <see cref="Verdict.Unsat"/> only comes from the prover.
/// </summary>
public sealed class Verifier(IReadOnlyList<IFalsifier> falsifiers, IProver? prover, IReadOnlyList<IFalsifier> fallback)
{
    /// <summary>Sampling and a short PGD, the prover (input or ReLU splitting, see <see cref="AdaptiveProver"/>), then PGD until the deadline.</summary>
    public static Verifier CreateDefault(VerificationOptions options) =>
        new([new SamplingFalsifier(seed: options.Seed), new PgdFalsifier(maxRounds: 2, seed: options.Seed)],
            new AdaptiveProver(),
            [new PgdFalsifier(seed: options.Seed + 1)]);

    public Task<VerificationResult> VerifyAsync(Network network, VnnProperty property, IModelOracle oracle, VerificationOptions options, CancellationToken cancellationToken = default) =>
        Task.Run(() => Verify(network, property, oracle, options, cancellationToken), cancellationToken);

    public VerificationResult Verify(Network network, VnnProperty property, IModelOracle oracle, VerificationOptions options, CancellationToken cancellationToken = default)
    {
        property.EnsureMatches(network.InputSize, network.OutputSize, network.SourcePath);
        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + options.Timeout;
        var statistics = new VerificationStatistics();
        var confirmer = new CounterexampleConfirmer(property, oracle);
        VerificationResult Result(Verdict verdict, Counterexample? cex, string detail) => new(verdict, cex, clock.Elapsed, detail, statistics);
        VerificationResult TimedOut() => Result(Verdict.Timeout, null, $"no verdict within the {options.Timeout.TotalSeconds:0.###} s budget");

        if (Falsify(falsifiers) is { } early) return Sat(early);
        if (DateTime.UtcNow > deadline) return TimedOut();

        var proverDetail = "no sound prover was run";
        if (prover is not null)
        {
            var phase = Stopwatch.StartNew();
            ProofOutcome outcome;
            try
            {
                outcome = prover.Prove(network, confirmer, deadline, statistics, cancellationToken);
            }
            catch (NotSupportedException e)
            {
                outcome = new ProofOutcome(ProofStatus.Undecided, null, e.Message);
            }
            statistics.PhaseTimes[prover.Name] = phase.Elapsed;
            switch (outcome.Status)
            {
                case ProofStatus.Proven: return Result(Verdict.Unsat, null, outcome.Detail);
                case ProofStatus.Violated: return Sat(outcome.Counterexample!);
                case ProofStatus.Timeout: return TimedOut();
            }
            proverDetail = outcome.Detail;
        }

        if (Falsify(fallback) is { } late) return Sat(late);
        if (DateTime.UtcNow > deadline) return TimedOut();
        return Result(Verdict.Unknown, null, $"not proven ({proverDetail}) and no counterexample found; closest margin {statistics.BestMargin:G6}");

        Counterexample? Falsify(IEnumerable<IFalsifier> stage)
        {
            foreach (var falsifier in stage)
            {
                var phase = Stopwatch.StartNew();
                var found = falsifier.Search(network, confirmer, deadline, statistics, cancellationToken);
                statistics.PhaseTimes[falsifier.Name] = statistics.PhaseTimes.GetValueOrDefault(falsifier.Name) + phase.Elapsed;
                if (found is not null || DateTime.UtcNow > deadline) return found;
            }
            return null;
        }

        VerificationResult Sat(Counterexample cex) => Result(Verdict.Sat, cex, $"counterexample found by {cex.FoundBy} and confirmed by OnnxRuntime");
    }
}
