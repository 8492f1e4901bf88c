namespace RepairGate.Core.Repair.Milp;

/// <summary>A closed interval [Lower, Upper] of reals (either end may be infinite).</summary>
internal readonly record struct Interval(double Lower, double Upper)
{
    /// <summary>Relative widening that keeps float64 round-off in the bound computation from cutting off the true value.</summary>
    private const double Slack = 1e-9;

    /// <summary><c>bias + Σ coefficients[i]·inputs[i]</c> by interval arithmetic; zero coefficients never meet infinities.</summary>
    public static Interval AffineRange(ReadOnlySpan<double> coefficients, IReadOnlyList<Interval> inputs, double bias)
    {
        double lower = bias, upper = bias;
        for (var i = 0; i < coefficients.Length; i++)
        {
            var c = coefficients[i];
            if (c == 0) continue;
            var x = inputs[i];
            if (c > 0) { lower += c * x.Lower; upper += c * x.Upper; }
            else { lower += c * x.Upper; upper += c * x.Lower; }
        }
        return new Interval(lower, upper).Widened();
    }

    public Interval Widened() =>
        new(Lower - Slack * (1 + Math.Abs(Lower)), Upper + Slack * (1 + Math.Abs(Upper)));

    public Interval Relu() => new(Math.Max(Lower, 0), Math.Max(Upper, 0));
}
