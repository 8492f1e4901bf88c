using RepairGate.Core.Model;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Repair;

/// <summary>
/// Collects many violating inputs of a property (and near misses just outside the unsafe set), so that a repair
/// generalises beyond the one counterexample a verifier returns: uniform samples in each input box, then samples in
/// shrinking neighbourhoods of the worst points and of any given anchors (e.g. counterexamples). Deterministic per seed.
/// </summary>
/// <param name="UniformSamples">Uniform samples per input box.</param>
/// <param name="Anchors">How many of the worst samples seed the local search.</param>
/// <param name="LocalSamples">Samples per anchor and radius.</param>
/// <param name="MaxViolations">At most this many violating points are returned per property (spread over their margins).</param>
/// <param name="MaxNearMisses">At most this many near misses (safe, but within <c>nearMiss</c> of the unsafe set).</param>
/// <param name="Coverage">Uniform samples of each violated box kept as edit points whatever their margin: the property must hold
/// on the whole box, and asking for the margin all over it makes the repaired network far easier to prove.</param>
public sealed record ViolationHarvester(int UniformSamples = 4000, int Anchors = 8, int LocalSamples = 200, int MaxViolations = 150, int MaxNearMisses = 50, int Coverage = 200)
{
    private static readonly double[] Radii = [0.1, 0.02, 0.004];

    public IReadOnlyList<RepairPoint> Harvest(Network network, VnnProperty property, int seed, double nearMiss,
        IEnumerable<double[]>? anchors = null, CancellationToken cancellationToken = default)
    {
        var points = new List<RepairPoint>();
        var anchorList = anchors?.ToList() ?? [];
        for (var c = 0; c < property.Cases.Count; c++)
        {
            var @case = property.Cases[c];
            var box = new FloatBox(@case.Input);
            if (box.IsEmpty || @case.UnsafeOutputs.Count == 0) continue;
            var random = new Random(HashCode.Combine(seed, c));
            var found = new List<(double[] X, double Margin)>();
            void Try(double[] x)
            {
                var margin = @case.UnsafeMargin(network.Evaluate(x));
                if (!double.IsNaN(margin)) found.Add((x, margin));
            }

            for (var s = 0; s < UniformSamples; s++)
            {
                if (s % 256 == 0) cancellationToken.ThrowIfCancellationRequested();
                Try(Uniform(box, random, null, 1));
            }
            var uniform = found.ToList();
            var centres = anchorList.Where(a => @case.Input.Contains(a))
                .Concat(found.OrderBy(f => f.Margin).Take(Anchors).Select(f => f.X)).ToList();
            foreach (var centre in centres)
            foreach (var radius in Radii)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var s = 0; s < LocalSamples; s++) Try(Uniform(box, random, centre, radius));
            }

            var violating = Spread(found.Where(f => f.Margin <= 0), MaxViolations);
            var close = Spread(found.Where(f => f.Margin > 0 && f.Margin <= nearMiss), MaxNearMisses);
            if (violating.Count == 0 && close.Count == 0) continue; // a box the network handles well needs no edits
            var chosen = close.Select(f => f.X).ToHashSet();
            var coverage = uniform.Where(f => f.Margin > 0 && !chosen.Contains(f.X)).Take(Coverage);
            points.AddRange(violating.Select((f, i) => new RepairPoint(f.X, @case.UnsafeOutputs, $"{property.Name} case {c} violation {i} (margin {f.Margin:G3})")));
            points.AddRange(close.Select((f, i) => new RepairPoint(f.X, @case.UnsafeOutputs, $"{property.Name} case {c} near miss {i} (margin {f.Margin:G3})")));
            points.AddRange(coverage.Select((f, i) => new RepairPoint(f.X, @case.UnsafeOutputs, $"{property.Name} case {c} coverage {i} (margin {f.Margin:G3})")));
        }
        return points;
    }

    /// <summary>At most <paramref name="count"/> points evenly spaced over the margin-sorted list (worst first).</summary>
    private static List<(double[] X, double Margin)> Spread(IEnumerable<(double[] X, double Margin)> points, int count)
    {
        var sorted = points.OrderBy(p => p.Margin).ToList();
        if (sorted.Count <= count) return sorted;
        return Enumerable.Range(0, count).Select(i => sorted[(int)((long)i * sorted.Count / count)]).ToList();
    }

    /// <summary>A float32 point uniform in the box, or in the box ∩ a cube of half-width radius·width around <paramref name="centre"/>.</summary>
    private static double[] Uniform(FloatBox box, Random random, double[]? centre, double radius)
    {
        var x = new double[box.Dimension];
        for (var i = 0; i < x.Length; i++)
        {
            double lo = box.Lower[i], hi = box.Upper[i];
            if (centre is not null)
            {
                var half = radius * (hi - lo);
                (lo, hi) = (Math.Max(lo, centre[i] - half), Math.Min(hi, centre[i] + half));
            }
            x[i] = Math.Clamp((float)(lo + (hi - lo) * random.NextDouble()), box.Lower[i], box.Upper[i]);
        }
        return x;
    }
}
