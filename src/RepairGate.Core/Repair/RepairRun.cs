using RepairGate.Core.Model;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Repair;

/// <summary>How a verify-repair-reverify run ended.</summary>
public enum RepairOutcome
{
    /// <summary>A patched network was found and the sound verifier proved every target (and kept) property on it.</summary>
    Proven,

    /// <summary>Every target property already holds on the original: nothing to repair.</summary>
    AlreadyHolds,

    /// <summary>No engine produced a proven patch within the iterations and budget.</summary>
    Failed,

    /// <summary>A target property could not be decided on the original network (unknown or timeout).</summary>
    OriginalUnknown,
}

/// <summary>The result of a repair run: plain data for the CLI and the report renderers.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">One readable sentence.</param>
/// <param name="Original">Verdicts on the original network.</param>
/// <param name="Iterations">Every engine call, in order, with what re-verification said.</param>
/// <param name="Final">Verdicts on the patched network (empty when there is none).</param>
/// <param name="Patched">The proven network (<see cref="RepairOutcome.Proven"/>) or null.</param>
/// <param name="Metrics">Metrics of the proven patch or, when failed, of the last candidate; null when there was none.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
public sealed record RepairRun(
    RepairOutcome Outcome,
    string Detail,
    IReadOnlyList<PropertyCheck> Original,
    IReadOnlyList<RepairIteration> Iterations,
    IReadOnlyList<PropertyCheck> Final,
    Network? Patched,
    RepairMetrics? Metrics,
    TimeSpan Elapsed);

/// <summary>Whether a property is a repair target or only has to keep holding.</summary>
public enum PropertyRole { Target, Keep }

/// <summary>One verification of one property.</summary>
/// <param name="Property">The property's name (file name without extension).</param>
/// <param name="Role">Target or kept.</param>
/// <param name="Verdict">The sound verifier's verdict.</param>
/// <param name="Elapsed">Verification time.</param>
/// <param name="Counterexample">The confirmed counterexample for <see cref="Verification.Verdict.Sat"/>.</param>
/// <param name="Method">How the verdict was reached: "verifier" or "region proof".</param>
public sealed record PropertyCheck(string Property, PropertyRole Role, Verdict Verdict, TimeSpan Elapsed, Counterexample? Counterexample, string Method = "verifier");

/// <summary>One engine call and the re-verification of its candidate.</summary>
/// <param name="Number">1-based over the whole run.</param>
/// <param name="Engine">The engine's name.</param>
/// <param name="Layers">IR indices of the layers the engine could change.</param>
/// <param name="EditPoints">Edit points in the problem.</param>
/// <param name="Margin">The margin asked of the edit points.</param>
/// <param name="Attempt">The engine's own result.</param>
/// <param name="Checks">Re-verification of the candidate (empty when the engine found none).</param>
/// <param name="PointsAdded">Edit points added from the counterexamples re-verification found.</param>
public sealed record RepairIteration(int Number, string Engine, IReadOnlyList<int> Layers, int EditPoints, double Margin,
    RepairAttempt Attempt, IReadOnlyList<PropertyCheck> Checks, int PointsAdded)
{
    /// <summary>"proven" when every check is unsat, else the first other verdict with its property, or the engine status.</summary>
    public string VerdictAfter => Checks.Count == 0 ? Attempt.Status.ToString().ToLowerInvariant()
        : Checks.FirstOrDefault(c => c.Verdict != Verdict.Unsat) is { } open ? $"{open.Property}: {open.Verdict.ToResultWord()}" : "proven";
}

/// <summary>Metrics of a patch against the original.</summary>
/// <param name="EditPoints">Edit points the last engine call used.</param>
/// <param name="EditPointsFixed">Of those, how many are safe in the patched model (OnnxRuntime).</param>
/// <param name="UnseenViolations">Fresh violating inputs of the original, never shown to the engines.</param>
/// <param name="UnseenFixed">Of those, how many the patched model handles safely: generalisation.</param>
/// <param name="Preserve">Fidelity on the preserve set (used by the engines).</param>
/// <param name="Test">Fidelity on an independent test set.</param>
/// <param name="Change">The weight change.</param>
/// <param name="SolverSeconds">Total solver time over the engine calls.</param>
public sealed record RepairMetrics(int EditPoints, int EditPointsFixed, int UnseenViolations, int UnseenFixed,
    Fidelity Preserve, Fidelity Test, WeightChange Change, double SolverSeconds)
{
    public double Efficacy => EditPoints == 0 ? 1 : (double)EditPointsFixed / EditPoints;
    public double Generalisation => UnseenViolations == 0 ? 1 : (double)UnseenFixed / UnseenViolations;
}

/// <summary>How closely the patched outputs follow the original on a set of inputs.</summary>
/// <param name="Points">Number of inputs.</param>
/// <param name="ArgmaxAgreement">Fraction with the same largest output (classifier label).</param>
/// <param name="ArgminAgreement">Fraction with the same smallest output (ACAS Xu advisory).</param>
/// <param name="MeanAbsChange">Mean over inputs of max_j |Δy_j|.</param>
/// <param name="MaxAbsChange">Largest |Δy_j|.</param>
public sealed record Fidelity(int Points, double ArgmaxAgreement, double ArgminAgreement, double MeanAbsChange, double MaxAbsChange);

/// <summary>Size of the parameter change.</summary>
/// <param name="LInf">Largest absolute change of one parameter.</param>
/// <param name="L1">Sum of absolute changes.</param>
/// <param name="ParametersTouched">Parameters whose float32 value changed.</param>
/// <param name="Layers">Names of the changed layers.</param>
public sealed record WeightChange(double LInf, double L1, int ParametersTouched, IReadOnlyList<string> Layers);
