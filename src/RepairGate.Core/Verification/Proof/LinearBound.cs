namespace RepairGate.Core.Verification.Proof;

/// <summary>Helpers for affine functions of the input stored as n coefficients followed by a constant.</summary>
internal static class LinearBound
{
    /// <summary>min over the box of c·x + d.</summary>
    public static double Min(ReadOnlySpan<double> eq, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var n = lower.Length;
        var value = eq[n];
        for (var k = 0; k < n; k++) value += eq[k] * (eq[k] >= 0 ? lower[k] : upper[k]);
        return value;
    }

    /// <summary>max over the box of c·x + d.</summary>
    public static double Max(ReadOnlySpan<double> eq, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var n = lower.Length;
        var value = eq[n];
        for (var k = 0; k < n; k++) value += eq[k] * (eq[k] >= 0 ? upper[k] : lower[k]);
        return value;
    }

    /// <summary>The box corner where c·x + d is smallest.</summary>
    public static double[] ArgMin(ReadOnlySpan<double> eq, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var x = new double[lower.Length];
        for (var k = 0; k < x.Length; k++) x[k] = eq[k] >= 0 ? lower[k] : upper[k];
        return x;
    }
}
