namespace RepairGate.Core.Specs;

/// <summary>A conjunction of constraints on the outputs; an empty list means every output is in the set.</summary>
/// <param name="Constraints">The half-spaces whose intersection is the polytope.</param>
public sealed record OutputPolytope(IReadOnlyList<LinearConstraint> Constraints)
{
    /// <summary>
    /// The largest <see cref="LinearConstraint.Slack"/> over the constraints (negative infinity when there are none):
    /// zero or negative means <paramref name="y"/> lies in the polytope, and a positive value is how far the worst constraint misses.
    /// </summary>
    public double Violation(ReadOnlySpan<double> y)
    {
        var worst = double.NegativeInfinity;
        foreach (var constraint in Constraints)
        {
            var slack = constraint.Slack(y);
            // NaN must win so that a NaN output is never reported as inside.
            if (slack > worst || double.IsNaN(slack)) worst = slack;
            if (double.IsNaN(worst)) break;
        }
        return worst;
    }

    /// <summary>True when every constraint holds at <paramref name="y"/>.</summary>
    public bool Contains(ReadOnlySpan<double> y) => Violation(y) <= 0;

    /// <summary>The constraints joined by <c>and</c>, or <c>true</c> when there are none.</summary>
    public override string ToString() =>
        Constraints.Count == 0 ? "true" : string.Join(" and ", Constraints.Select(c => c.ToString()));

    internal bool SameAs(OutputPolytope other) =>
        Constraints.Count == other.Constraints.Count
        && Constraints.Zip(other.Constraints).All(pair => pair.First.SameAs(pair.Second));
}
