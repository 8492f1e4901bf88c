using RepairGate.Core.Model;
using RepairGate.Core.Verification.Proof;

namespace RepairGate.Core.Repair;

/// <summary>
/// A sub-box of a repair region with sound bounds [Lower, Upper] on the input h of the last affine layer, which a
/// last-layer change cannot move: if c·h + e ≥ margin for every h in those bounds, the output constraint holds on the
/// whole sub-box whatever the input. Bounds come from the verifier's back-substitution on the network before layer K.
/// </summary>
internal sealed record CertifiedBox(double[] InputLower, double[] InputUpper, double[] Lower, double[] Upper, double[] Centre, RepairRegion Region)
{
    /// <summary>
    /// Splits the region's box by bisection (always the box whose h bounds are widest, along its widest input relative
    /// to the region) into at most <paramref name="maxBoxes"/> sub-boxes with bounds on h.
    /// </summary>
    public static IReadOnlyList<CertifiedBox> Split(Network network, int layerIndex, RepairRegion region, int maxBoxes, CancellationToken cancellationToken)
    {
        var prefix = PiecewiseLinearNetwork.From(new Network(network.Layers.Take(layerIndex).ToArray(), network.Io, network.SourcePath));
        var width = region.Box.Upper.Zip(region.Box.Lower, (u, l) => Math.Max(u - l, 1e-12)).ToArray();
        var boxes = new PriorityQueue<CertifiedBox, double>();
        void Add(double[] lo, double[] hi, BackSubstitutionBounds? parent)
        {
            // No inherited parent bounds: the region proof recomputes each sub-box from scratch and must find the same bounds.
            var bounds = BackSubstitutionBounds.Compute(prefix, lo, hi);
            _ = parent;
            var n = prefix.OutputSize;
            var lower = new double[n];
            var upper = new double[n];
            var unit = new double[n];
            for (var i = 0; i < n; i++)
            {
                unit[i] = 1;
                // Not clamped at 0 (though h ≥ 0): the verifier's bound of a·y through the same relaxation does not use that either.
                lower[i] = LinearBound.Min(bounds.LowerBoundOf(unit, 0), lo, hi);
                unit[i] = -1;
                upper[i] = -LinearBound.Min(bounds.LowerBoundOf(unit, 0), lo, hi);
                unit[i] = 0;
                if (upper[i] < lower[i]) upper[i] = lower[i];
            }
            var centre = lo.Zip(hi, (l, h) => 0.5 * l + 0.5 * h).ToArray();
            var spread = upper.Zip(lower, (u, l) => u - l).Sum();
            boxes.Enqueue(new CertifiedBox(lo, hi, lower, upper, centre, region) { Bounds = bounds }, -spread);
        }

        Add(region.Box.Lower.ToArray(), region.Box.Upper.ToArray(), null);
        while (boxes.Count < maxBoxes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var widest = boxes.Dequeue();
            var d = Enumerable.Range(0, width.Length).MaxBy(i => (widest.InputUpper[i] - widest.InputLower[i]) / width[i]);
            var mid = 0.5 * widest.InputLower[d] + 0.5 * widest.InputUpper[d];
            var leftUpper = widest.InputUpper.ToArray();
            leftUpper[d] = mid;
            var rightLower = widest.InputLower.ToArray();
            rightLower[d] = mid;
            Add(widest.InputLower, leftUpper, widest.Bounds);
            Add(rightLower, widest.InputUpper, widest.Bounds);
        }
        return boxes.UnorderedItems.Select(item => item.Element with { Bounds = null }).Order(Comparer<CertifiedBox>.Create(Lexicographic)).ToArray();
    }

    private static int Lexicographic(CertifiedBox? a, CertifiedBox? b)
    {
        for (var i = 0; i < a!.InputLower.Length; i++)
        {
            var c = a.InputLower[i].CompareTo(b!.InputLower[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>Bounds of the enclosing computation, kept only while splitting (children inherit decided neurons).</summary>
    private BackSubstitutionBounds? Bounds { get; init; }
}
