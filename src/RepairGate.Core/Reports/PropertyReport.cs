using RepairGate.Core.Verification;

namespace RepairGate.Core.Reports;

/// <summary>The verdict for one property of one model, with its evidence.</summary>
/// <param name="Path">The VNNLIB file, displayed like <see cref="ModelReport.Path"/>.</param>
/// <param name="Name">The file name without extension.</param>
/// <param name="Sha256">Hex SHA-256 of the property file.</param>
/// <param name="Verdict">sat (violated), unsat (holds), unknown or timeout.</param>
/// <param name="Detail">One readable line: how the verdict was reached.</param>
/// <param name="BudgetSeconds">The time budget the property was given (an input, not a measurement).</param>
/// <param name="Counterexample">Present exactly for sat.</param>
/// <param name="Statistics">Verifier counters.</param>
/// <param name="Timing">Wall time, total and per phase; null when timing is excluded.</param>
public sealed record PropertyReport(
    string Path,
    string Name,
    string Sha256,
    Verdict Verdict,
    string Detail,
    double BudgetSeconds,
    CounterexampleReport? Counterexample,
    StatisticsReport Statistics,
    PropertyTiming? Timing = null);

/// <summary>A confirmed counterexample: the float32 inputs, OnnxRuntime's outputs and the unsafe condition they meet.</summary>
/// <param name="Inputs">Exact float64 images of the float32 inputs.</param>
/// <param name="Outputs">OnnxRuntime's outputs.</param>
/// <param name="Case">Index of the property's input box (disjunct).</param>
/// <param name="ViolatedConstraint">The unsafe polytope the outputs lie in, e.g. <c>Y_0 - Y_1 &lt;= 0</c>.</param>
/// <param name="Margin">How deep inside the unsafe set (negative: unsafe).</param>
/// <param name="FoundBy">The engine that found it.</param>
public sealed record CounterexampleReport(IReadOnlyList<double> Inputs, IReadOnlyList<double> Outputs, int Case, string ViolatedConstraint, double Margin, string FoundBy);

/// <summary>Verifier counters (see <see cref="VerificationStatistics"/>).</summary>
/// <param name="SampledPoints">Network evaluations made by sampling.</param>
/// <param name="GradientSteps">PGD steps, summed over parallel starts.</param>
/// <param name="RejectedCandidates">Candidates OnnxRuntime did not confirm.</param>
/// <param name="BestMargin">Smallest unsafe margin seen (negative once violated); null when no point was evaluated.</param>
/// <param name="Branches">Boxes the prover examined.</param>
/// <param name="LpCalls">Linear programs solved.</param>
/// <param name="MaxDepth">Deepest split.</param>
public sealed record StatisticsReport(long SampledPoints, long GradientSteps, int RejectedCandidates, double? BestMargin, long Branches, long LpCalls, int MaxDepth)
{
    public static StatisticsReport From(VerificationStatistics s) =>
        new(s.SampledPoints, s.GradientSteps, s.RejectedCandidates, double.IsFinite(s.BestMargin) ? s.BestMargin : null, s.Branches, s.LpCalls, s.MaxDepth);
}

/// <summary>Wall time of one property, and per phase (sampling, pgd, prover).</summary>
public sealed record PropertyTiming(double Seconds, IReadOnlyDictionary<string, double> Phases);
