using System.Globalization;
using System.Text;

namespace RepairGate.Core.Specs;

/// <summary>
/// The half-space <c>sum_j Coefficients[j]*Y_j &lt;= Bound</c> over the network outputs
/// (<c>Coefficients.Length</c> equals the output count).
/// </summary>
/// <param name="Coefficients">One coefficient per output Y_j.</param>
/// <param name="Bound">The right-hand side.</param>
public sealed record LinearConstraint(double[] Coefficients, double Bound)
{
    /// <summary><c>Coefficients·y - Bound</c>; zero or negative means the constraint holds.</summary>
    public double Slack(ReadOnlySpan<double> y)
    {
        if (y.Length != Coefficients.Length)
            throw new ArgumentException($"expected {Coefficients.Length} outputs, got {y.Length}", nameof(y));
        var sum = 0.0;
        for (var j = 0; j < y.Length; j++)
        {
            // Skipping zeros keeps an infinite output from turning an unrelated term into NaN.
            if (Coefficients[j] != 0) sum += Coefficients[j] * y[j];
        }
        return sum - Bound;
    }

    /// <summary>Readable form such as <c>Y_0 - Y_1 &lt;= 0</c> or <c>-Y_0 &lt;= -3.99</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var j = 0; j < Coefficients.Length; j++)
        {
            var c = Coefficients[j];
            if (c == 0) continue;
            var magnitude = Math.Abs(c);
            if (text.Length == 0) text.Append(c < 0 ? "-" : "");
            else text.Append(c < 0 ? " - " : " + ");
            if (magnitude != 1) text.Append(Format(magnitude)).Append('*');
            text.Append("Y_").Append(j.ToString(CultureInfo.InvariantCulture));
        }
        if (text.Length == 0) text.Append('0');
        return text.Append(" <= ").Append(Format(Bound)).ToString();
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal bool SameAs(LinearConstraint other) =>
        Bound.Equals(other.Bound) && Coefficients.AsSpan().SequenceEqual(other.Coefficients);
}
