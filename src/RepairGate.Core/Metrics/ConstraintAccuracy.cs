namespace RepairGate.Core.Metrics;

/// <summary>
/// How many edit items a model satisfies: points classified as their label (OnnxRuntime, float32), regions proven by the
/// sound verifier. A region the verifier cannot decide within its time limit counts as not satisfied (<see cref="Unknown"/>).
/// </summary>
/// <param name="Total">Items checked.</param>
/// <param name="Satisfied">Points classified right plus regions proven.</param>
/// <param name="Unknown">Regions neither proven nor violated (unknown or timeout), counted as not satisfied.</param>
public sealed record ConstraintAccuracy(int Total, int Satisfied, int Unknown)
{
    public static ConstraintAccuracy Empty { get; } = new(0, 0, 0);

    /// <summary>Satisfied / Total; 1 for an empty set (nothing is asked).</summary>
    public double Value => Total == 0 ? 1 : (double)Satisfied / Total;
}
