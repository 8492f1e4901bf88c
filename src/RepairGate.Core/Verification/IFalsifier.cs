using RepairGate.Core.Model;

namespace RepairGate.Core.Verification;

/// <summary>A search for counterexamples. Never proves anything; a find is confirmed by the oracle before it counts.</summary>
public interface IFalsifier
{
    /// <summary>Short name used in reports, e.g. "sampling" or "pgd".</summary>
    string Name { get; }

    /// <summary>Searches until a confirmed counterexample is found, the deadline passes or cancellation; null if none.</summary>
    Counterexample? Search(Network network, CounterexampleConfirmer confirmer, DateTime deadlineUtc, VerificationStatistics statistics, CancellationToken cancellationToken);
}
