namespace RepairGate.Core.Specs;

/// <summary>One input box of a property: an input x is unsafe iff x is in <see cref="Input"/> and the
/// network output lies in ANY of <see cref="UnsafeOutputs"/>.</summary>
/// <param name="Input">The input box this case applies to.</param>
/// <param name="UnsafeOutputs">The unsafe output polytopes; their union is the unsafe output set.</param>
public sealed record PropertyCase(InputBox Input, IReadOnlyList<OutputPolytope> UnsafeOutputs)
{
    /// <summary>
    /// The smallest <see cref="OutputPolytope.Violation"/> over the unsafe polytopes: zero or negative means
    /// <paramref name="y"/> is unsafe; a positive value is the distance (in constraint units) to the nearest unsafe polytope.
    /// Positive infinity when there are no polytopes.
    /// </summary>
    public double UnsafeMargin(ReadOnlySpan<double> y)
    {
        var best = double.PositiveInfinity;
        foreach (var polytope in UnsafeOutputs)
        {
            var violation = polytope.Violation(y);
            if (violation < best) best = violation;
        }
        return best;
    }

    /// <summary>True when <paramref name="y"/> lies in some unsafe polytope.</summary>
    public bool IsUnsafe(ReadOnlySpan<double> y) => UnsafeMargin(y) <= 0;
}
