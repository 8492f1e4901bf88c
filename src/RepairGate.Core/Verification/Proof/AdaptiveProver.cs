using RepairGate.Core.Model;

namespace RepairGate.Core.Verification.Proof;

/// <summary>
/// Chooses the branching strategy from the network and property, not from a benchmark switch: input splitting when
/// the input has few dimensions (at most <see cref="MaxInputSplitDimension"/>) and fewer than the ReLUs the root
/// bounds leave unstable — bisecting a handful of inputs then settles many neurons at once — and ReLU splitting
/// otherwise (images: hundreds of inputs, fewer unstable neurons than inputs).
/// </summary>
public sealed class AdaptiveProver(InputSplitProver inputSplit, ReluSplitProver reluSplit) : IProver
{
    public const int MaxInputSplitDimension = 16;

    public AdaptiveProver() : this(new InputSplitProver(), new ReluSplitProver()) { }

    public string Name => "prover";

    public ProofOutcome Prove(Network network, CounterexampleConfirmer confirmer, DateTime deadlineUtc, VerificationStatistics statistics, CancellationToken cancellationToken)
    {
        // The proof's detail says which strategy ran ("proven by input splitting" / "by ReLU splitting").
        return PrefersInputSplitting(network, confirmer.Property)
            ? inputSplit.Prove(network, confirmer, deadlineUtc, statistics, cancellationToken)
            : reluSplit.Prove(network, confirmer, deadlineUtc, statistics, cancellationToken);
    }

    /// <summary>The rule above, with the unstable count taken as the largest over the property's input boxes.</summary>
    public static bool PrefersInputSplitting(Network network, Specs.VnnProperty property)
    {
        var inputs = network.InputSize;
        if (inputs > MaxInputSplitDimension) return false;
        var plan = PiecewiseLinearNetwork.From(network);
        var unstable = property.Cases
            .Select(c => ReluSplitBounds.Compute(plan, c.Input.Lower.ToArray(), c.Input.Upper.ToArray(), ReluPhases.None(plan), null, 0).UnstableCount)
            .DefaultIfEmpty(0).Max();
        return inputs < unstable;
    }
}
