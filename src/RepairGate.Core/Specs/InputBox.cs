namespace RepairGate.Core.Specs;

/// <summary>The axis-aligned box <c>Lower[i] &lt;= X_i &lt;= Upper[i]</c> of network inputs.</summary>
/// <param name="Lower">Lower bounds, one per input.</param>
/// <param name="Upper">Upper bounds, one per input.</param>
public sealed record InputBox(double[] Lower, double[] Upper)
{
    /// <summary>Upper bounds; same length as <see cref="Lower"/>.</summary>
    public double[] Upper { get; init; } = Upper.Length == Lower.Length
        ? Upper
        : throw new ArgumentException($"the box has {Lower.Length} lower but {Upper.Length} upper bounds", nameof(Upper));

    /// <summary>Number of inputs.</summary>
    public int Dimension => Lower.Length;

    /// <summary>True when every coordinate of <paramref name="x"/> lies within its bounds (inclusive).</summary>
    public bool Contains(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension)
            throw new ArgumentException($"expected {Dimension} inputs, got {x.Length}", nameof(x));
        for (var i = 0; i < x.Length; i++)
        {
            // Written so that NaN is outside.
            if (!(x[i] >= Lower[i] && x[i] <= Upper[i])) return false;
        }
        return true;
    }

    /// <summary>The midpoint of the box.</summary>
    public double[] Center()
    {
        var center = new double[Dimension];
        // Halving first avoids overflow for very wide boxes.
        for (var i = 0; i < center.Length; i++) center[i] = 0.5 * Lower[i] + 0.5 * Upper[i];
        return center;
    }

    /// <summary>Readable form such as <c>[0.6, 0.68] x [-0.5, 0.5]</c>.</summary>
    public override string ToString() => string.Join(" x ",
        Lower.Select((low, i) => $"[{LinearConstraint.Format(low)}, {LinearConstraint.Format(Upper[i])}]"));

    internal bool SameAs(InputBox other) =>
        Lower.AsSpan().SequenceEqual(other.Lower) && Upper.AsSpan().SequenceEqual(other.Upper);
}
