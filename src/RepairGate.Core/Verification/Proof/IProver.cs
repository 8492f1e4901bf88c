using RepairGate.Core.Model;

namespace RepairGate.Core.Verification.Proof;

/// <summary>A sound prover: <see cref="ProofStatus.Proven"/> only with a proof, violations only with a confirmed counterexample.</summary>
public interface IProver
{
    /// <summary>Short name used in statistics, e.g. "relu-split".</summary>
    string Name { get; }

    ProofOutcome Prove(Network network, CounterexampleConfirmer confirmer, DateTime deadlineUtc, VerificationStatistics statistics, CancellationToken cancellationToken);
}
