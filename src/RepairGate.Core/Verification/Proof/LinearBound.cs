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

    /// <summary>Packs count rows of n input coefficients and their constants as count × (n + 1) affine functions.</summary>
    public static double[] Pack(double[] rows, double[] constants, int count, int n)
    {
        var result = new double[count * (n + 1)];
        for (var r = 0; r < count; r++)
        {
            rows.AsSpan(r * n, n).CopyTo(result.AsSpan(r * (n + 1), n));
            result[r * (n + 1) + n] = constants[r];
        }
        return result;
    }

    /// <summary>Per row, the minimum of a packed lower-bound function and the maximum of a packed upper-bound function over the box.</summary>
    public static (double[] Lower, double[] Upper) Range(double[] lowerEq, double[] upperEq, int count, double[] lower, double[] upper)
    {
        var n = lower.Length;
        var low = new double[count];
        var high = new double[count];
        for (var r = 0; r < count; r++)
        {
            low[r] = Min(lowerEq.AsSpan(r * (n + 1), n + 1), lower, upper);
            high[r] = Max(upperEq.AsSpan(r * (n + 1), n + 1), lower, upper);
        }
        return (low, high);
    }
}
