using RepairGate.Core.Model;

namespace RepairGate.Core.Verification;

/// <summary>
/// Evaluates the box centre, its corners (for low-dimensional boxes) and uniform random points. Cheap, and it finds
/// the many violations that sit at a corner or cover much of the box. Deterministic for a given seed.
/// </summary>
public sealed class SamplingFalsifier(int randomPoints = 2000, int maxCornerDimension = 10, int seed = 20261123) : IFalsifier
{
    public string Name => "sampling";

    public Counterexample? Search(Network network, CounterexampleConfirmer confirmer, DateTime deadlineUtc, VerificationStatistics statistics, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var cases = confirmer.Property.Cases;
        for (var c = 0; c < cases.Count; c++)
        {
            var box = new FloatBox(cases[c].Input);
            if (box.IsEmpty) continue;
            foreach (var point in Points(box, random))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (DateTime.UtcNow > deadlineUtc) return null;
                statistics.SampledPoints++;
                var y = network.Evaluate(point.Select(v => (double)v).ToArray());
                var margin = cases[c].UnsafeMargin(y);
                statistics.BestMargin = Math.Min(statistics.BestMargin, margin);
                if (margin > 0) continue;
                if (confirmer.Confirm(point, Name) is { } found) return found;
                statistics.RejectedCandidates++;
            }
        }
        return null;
    }

    private IEnumerable<float[]> Points(FloatBox box, Random random)
    {
        var n = box.Dimension;
        yield return Enumerable.Range(0, n).Select(i => (float)((box.Lower[i] + (double)box.Upper[i]) / 2)).Select((v, i) => Math.Clamp(v, box.Lower[i], box.Upper[i])).ToArray();
        if (n <= maxCornerDimension)
        {
            for (var mask = 0L; mask < 1L << n; mask++)
                yield return Enumerable.Range(0, n).Select(i => (mask >> i & 1) == 0 ? box.Lower[i] : box.Upper[i]).ToArray();
        }
        for (var k = 0; k < randomPoints; k++)
        {
            var point = new float[n];
            for (var i = 0; i < n; i++)
                point[i] = Math.Clamp((float)(box.Lower[i] + (box.Upper[i] - (double)box.Lower[i]) * random.NextDouble()), box.Lower[i], box.Upper[i]);
            yield return point;
        }
    }
}
