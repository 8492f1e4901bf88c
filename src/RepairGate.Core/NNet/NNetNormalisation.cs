namespace RepairGate.Core.NNet;

/// <summary>
/// The one place that turns NNet means/ranges into elementwise scale/shift and back, so that the reader and the
/// writer agree bit for bit: (x - mean)/range is stored as x * (1/range) + (-mean/range).
/// </summary>
internal static class NNetNormalisation
{
    // 1/x and -m/r round, so the exact inverse is a few doubles away from the naive one, if it exists at all.
    private const int SearchSteps = 4;

    public static double Scale(double range) => 1.0 / range;

    public static double Shift(double mean, double range) => -mean / range;

    /// <summary>True when (mean, range) read back gives exactly (scale, shift).</summary>
    public static bool Reproduces(double mean, double range, double scale, double shift) =>
        Scale(range) == scale && Shift(mean, range) == shift;

    /// <summary>
    /// A (mean, range) that reads back as exactly (scale, shift) when one exists near the naive inverse;
    /// otherwise the naive inverse, which reads back within an ulp or so.
    /// </summary>
    public static (double Mean, double Range) Invert(double scale, double shift)
    {
        var rangeGuess = 1.0 / scale;
        foreach (var range in Around(rangeGuess))
        {
            if (Scale(range) != scale) continue;
            foreach (var mean in Around(-shift * range))
                if (Shift(mean, range) == shift) return (mean == 0 ? 0.0 : mean, range); // no "-0" in files
        }
        var naiveMean = -shift * rangeGuess;
        return (naiveMean == 0 ? 0.0 : naiveMean, rangeGuess);
    }

    /// <summary>The guess, then its neighbours alternately above and below, nearest first.</summary>
    private static IEnumerable<double> Around(double guess)
    {
        yield return guess;
        double up = guess, down = guess;
        for (var step = 0; step < SearchSteps; step++)
        {
            up = Math.BitIncrement(up);
            yield return up;
            down = Math.BitDecrement(down);
            yield return down;
        }
    }
}
