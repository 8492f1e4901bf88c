using System.Diagnostics;
using RepairGate.Core.Model;
using RepairGate.Core.Specs;

namespace RepairGate.Core.Verification;

/// <summary>
/// Verifies one property of one network: cheap falsification first (sampling, then PGD), every find confirmed by
/// the oracle. A property that is not falsified is <see cref="Verdict.Unknown"/> — never <see cref="Verdict.Unsat"/>,
/// which only a sound prover may return.
/// </summary>
public sealed class Verifier(IReadOnlyList<IFalsifier> falsifiers)
{
    /// <summary>Sampling then PGD, seeded.</summary>
    public static Verifier CreateDefault(VerificationOptions options) =>
        new([new SamplingFalsifier(seed: options.Seed), new PgdFalsifier(seed: options.Seed)]);

    public IReadOnlyList<IFalsifier> Falsifiers { get; } = falsifiers;

    public Task<VerificationResult> VerifyAsync(Network network, VnnProperty property, IModelOracle oracle, VerificationOptions options, CancellationToken cancellationToken = default) =>
        Task.Run(() => Verify(network, property, oracle, options, cancellationToken), cancellationToken);

    public VerificationResult Verify(Network network, VnnProperty property, IModelOracle oracle, VerificationOptions options, CancellationToken cancellationToken = default)
    {
        property.EnsureMatches(network.InputSize, network.OutputSize, network.SourcePath);
        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + options.Timeout;
        var statistics = new VerificationStatistics();
        var confirmer = new CounterexampleConfirmer(property, oracle);

        foreach (var falsifier in Falsifiers)
        {
            var phase = Stopwatch.StartNew();
            var found = falsifier.Search(network, confirmer, deadline, statistics, cancellationToken);
            statistics.PhaseTimes[falsifier.Name] = phase.Elapsed;
            if (found is not null)
                return new VerificationResult(Verdict.Sat, found, clock.Elapsed, $"counterexample found by {found.FoundBy} and confirmed by OnnxRuntime", statistics);
            if (DateTime.UtcNow > deadline)
                return new VerificationResult(Verdict.Timeout, null, clock.Elapsed, $"no counterexample within the {options.Timeout.TotalSeconds:0.###} s budget", statistics);
        }
        return new VerificationResult(Verdict.Unknown, null, clock.Elapsed,
            $"no counterexample found ({string.Join(", ", Falsifiers.Select(f => f.Name))}); closest margin {statistics.BestMargin:G6}; no sound prover was run", statistics);
    }
}
