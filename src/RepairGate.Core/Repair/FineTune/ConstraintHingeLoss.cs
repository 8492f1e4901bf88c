using static TorchSharp.torch;

namespace RepairGate.Core.Repair.FineTune;

/// <summary>
/// Σ over edit points and their unsafe polytopes of min over the polytope's constraints of relu(d + m - c·y): zero
/// exactly when every polytope is left by some constraint with margin m. Polytopes are padded to a common
/// constraint count so one batched expression covers all of them.
/// </summary>
internal sealed class ConstraintHingeLoss : IDisposable
{
    private const double Padding = 1e30;

    private readonly Tensor? _coefficients; // [G, K, outputs]
    private readonly Tensor? _targets;      // [G, K]: d + m, padded entries huge
    private readonly Tensor? _point;        // [G]: which edit point (row of the output batch)

    public ConstraintHingeLoss(IReadOnlyList<RepairPoint> edits, int outputs, double margin)
    {
        var polytopes = edits.SelectMany((e, p) => e.UnsafeOutputs.Where(u => u.Constraints.Count > 0).Select(u => (Point: p, Polytope: u))).ToList();
        if (polytopes.Count == 0) return;
        var width = polytopes.Max(g => g.Polytope.Constraints.Count);
        var coefficients = new double[polytopes.Count * width * outputs];
        var targets = new double[polytopes.Count * width];
        for (var g = 0; g < polytopes.Count; g++)
        for (var k = 0; k < width; k++)
        {
            var constraints = polytopes[g].Polytope.Constraints;
            if (k >= constraints.Count)
            {
                targets[g * width + k] = Padding; // c = 0: the hinge is huge and never the minimum
                continue;
            }
            Array.Copy(constraints[k].Coefficients, 0, coefficients, (g * width + k) * outputs, outputs);
            targets[g * width + k] = constraints[k].Bound + margin;
        }
        _coefficients = tensor(coefficients, [polytopes.Count, width, outputs], float64);
        _targets = tensor(targets, [polytopes.Count, width], float64);
        _point = tensor(polytopes.Select(g => (long)g.Point).ToArray(), int64);
    }

    /// <summary>The loss for a batch of edit-point outputs [points, outputs].</summary>
    public Tensor Compute(Tensor outputs)
    {
        if (_coefficients is null) return zeros(1, float64).sum();
        var y = outputs.index_select(0, _point!).unsqueeze(1);      // [G, 1, outputs]
        var leftSide = (_coefficients * y).sum(-1);                // [G, K]
        var hinge = nn.functional.relu(_targets! - leftSide);
        return hinge.min(1).values.sum();
    }

    public void Dispose()
    {
        _coefficients?.Dispose();
        _targets?.Dispose();
        _point?.Dispose();
    }
}
