namespace RepairGate.Core.Verification;

/// <summary>The verdict for one property with its evidence and statistics.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Counterexample">Present exactly when the verdict is <see cref="Verdict.Sat"/>.</param>
/// <param name="Elapsed">Wall time spent.</param>
/// <param name="Detail">Why the result is what it is, in one line (shown to people).</param>
/// <param name="Statistics">Counters per phase, for reports.</param>
public sealed record VerificationResult(Verdict Verdict, Counterexample? Counterexample, TimeSpan Elapsed, string Detail, VerificationStatistics Statistics);

/// <summary>Counters kept while verifying one property.</summary>
public sealed class VerificationStatistics
{
    /// <summary>Network evaluations made by sampling.</summary>
    public long SampledPoints { get; set; }

    /// <summary>Gradient steps taken by PGD, summed over its parallel starts.</summary>
    public long GradientSteps { get; set; }

    /// <summary>Candidates our evaluator found that OnnxRuntime did not confirm (boundary cases).</summary>
    public int RejectedCandidates { get; set; }

    /// <summary>Smallest unsafe margin seen (negative once violated): how close the network came to the unsafe set.</summary>
    public double BestMargin { get; set; } = double.PositiveInfinity;

    /// <summary>Boxes (or sub-problems) the prover examined.</summary>
    public long Branches { get; set; }

    /// <summary>Linear programs solved.</summary>
    public long LpCalls { get; set; }

    /// <summary>Share of the input domain (volume, each input box weighted equally) the prover has shown safe, 0 to 1:
    /// progress of a proof, and how far a timed-out proof got.</summary>
    public double ProvenFraction { get; set; }
    /// <summary>Mixed-integer programs solved (exact checks of ReLU-splitting branches).</summary>
    public long MilpCalls { get; set; }

    /// <summary>Deepest split.</summary>
    public int MaxDepth { get; set; }

    /// <summary>Time per phase, e.g. "sampling" and "pgd".</summary>
    public Dictionary<string, TimeSpan> PhaseTimes { get; } = new(StringComparer.Ordinal);
}
