using RepairGate.Core.Model;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification.Proof;

namespace RepairGate.Core.Repair;

/// <summary>
/// A sound proof of a property on a last-layer patch, guided by the partition the region LP used: each sub-box of
/// each input box is bounded by back-substitution through the whole patched network (the verifier's own bounds), and
/// every unsafe polytope must be excluded there (<see cref="PolytopeExclusion"/>); sub-boxes that are not are bisected
/// a limited number of times. Proven only when every piece of every box is excluded; otherwise the caller falls back
/// to the general verifier. Never claims a violation.
/// </summary>
public static class RegionProof
{
    private const double Tolerance = 1e-7;

    /// <returns>Null when proven, else the reason the partition did not suffice.</returns>
    public static string? TryProve(Network patched, int lastLayerIndex, VnnProperty property, int boxesPerCase, int extraSplits, DateTime deadlineUtc, CancellationToken cancellationToken)
    {
        var full = PiecewiseLinearNetwork.From(patched);
        var lpCalls = 0;
        var checkedBoxes = 0;
        for (var c = 0; c < property.Cases.Count; c++)
        {
            var @case = property.Cases[c];
            var region = new RepairRegion(@case.Input, @case.UnsafeOutputs, $"{property.Name} case {c}");
            var work = new Stack<(double[] Lo, double[] Hi)>(
                CertifiedBox.Split(patched, lastLayerIndex, region, boxesPerCase, cancellationToken).Select(b => (b.InputLower, b.InputUpper)).Reverse());
            var splits = 0;
            while (work.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (DateTime.UtcNow > deadlineUtc) return "deadline";
                var (lo, hi) = work.Pop();
                checkedBoxes++;
                var bounds = BackSubstitutionBounds.Compute(full, lo, hi);
                var open = @case.UnsafeOutputs.Any(p =>
                    p.Constraints.Count == 0
                    || !PolytopeExclusion.Check(p.Constraints.Select(k => bounds.LowerBoundOf(k.Coefficients, -k.Bound)).ToArray(), lo, hi, Tolerance, ref lpCalls).Excluded);
                if (!open) continue;
                if (++splits > extraSplits) return $"{region.Origin}: a sub-box is still open after {extraSplits} extra splits";
                var d = Enumerable.Range(0, lo.Length).MaxBy(i => (hi[i] - lo[i]) / Math.Max(@case.Input.Upper[i] - @case.Input.Lower[i], 1e-12));
                var mid = 0.5 * lo[d] + 0.5 * hi[d];
                var leftHi = hi.ToArray();
                leftHi[d] = mid;
                var rightLo = lo.ToArray();
                rightLo[d] = mid;
                work.Push((rightLo, hi));
                work.Push((lo, leftHi));
            }
        }
        return null;
    }
}
