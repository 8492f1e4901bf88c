namespace RepairGate.Core.Specs;

/// <summary>
/// Compares boxes and polytopes by the numbers they hold; the records themselves compare their arrays by reference.
/// </summary>
internal static class ValueEquality
{
    public static IEqualityComparer<InputBox> Boxes { get; } = new BoxComparer();

    public static IEqualityComparer<OutputPolytope> Polytopes { get; } = new PolytopeComparer();

    private static int Hash(double[] values)
    {
        var hash = new HashCode();
        foreach (var value in values) hash.Add(value);
        return hash.ToHashCode();
    }

    private sealed class BoxComparer : IEqualityComparer<InputBox>
    {
        public bool Equals(InputBox? x, InputBox? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.SameAs(y));

        public int GetHashCode(InputBox box) => HashCode.Combine(Hash(box.Lower), Hash(box.Upper));
    }

    private sealed class PolytopeComparer : IEqualityComparer<OutputPolytope>
    {
        public bool Equals(OutputPolytope? x, OutputPolytope? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.SameAs(y));

        public int GetHashCode(OutputPolytope polytope)
        {
            var hash = new HashCode();
            foreach (var constraint in polytope.Constraints)
            {
                hash.Add(Hash(constraint.Coefficients));
                hash.Add(constraint.Bound);
            }
            return hash.ToHashCode();
        }
    }
}
