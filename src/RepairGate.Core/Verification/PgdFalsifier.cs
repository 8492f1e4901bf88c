using RepairGate.Core.Model;
using RepairGate.Core.Specs;
using RepairGate.Core.Torch;
using static TorchSharp.torch;

namespace RepairGate.Core.Verification;

/// <summary>
/// Projected gradient descent (TorchSharp autograd) on the unsafe margin inside each input box: a batch of starts
/// takes signed-gradient steps with a shrinking step size and is clamped back into the box after each step.
/// Restarts with fresh random starts until the deadline. Deterministic for a given seed.
/// </summary>
public sealed class PgdFalsifier(int batchSize = 64, int stepsPerRound = 150, int maxRounds = 20, int seed = 20261123) : IFalsifier
{
    public string Name => "pgd";

    public Counterexample? Search(Network network, CounterexampleConfirmer confirmer, DateTime deadlineUtc, VerificationStatistics statistics, CancellationToken cancellationToken)
    {
        TorchNativeLoader.EnsureLoadable();
        TorchThreads.UseSingleThread();
        TorchNetwork model;
        try
        {
            model = new TorchNetwork(network);
        }
        catch (NotSupportedException)
        {
            return null; // a layer without a TorchSharp translation: sampling is all we can do
        }
        using var _ = model;
        var cases = confirmer.Property.Cases;
        var random = new Random(seed);
        for (var round = 0; round < maxRounds; round++)
        {
            for (var c = 0; c < cases.Count; c++)
            {
                var box = new FloatBox(cases[c].Input);
                // A polytope without constraints makes the whole box unsafe; sampling's first point already shows that.
                if (box.IsEmpty || cases[c].UnsafeOutputs.Any(p => p.Constraints.Count == 0)) continue;
                var found = SearchCase(model, cases[c], box, confirmer, random, round, deadlineUtc, statistics, cancellationToken);
                if (found is not null) return found;
                if (DateTime.UtcNow > deadlineUtc) return null;
            }
        }
        return null;
    }

    private Counterexample? SearchCase(TorchNetwork model, PropertyCase @case, FloatBox box, CounterexampleConfirmer confirmer, Random random,
        int round, DateTime deadlineUtc, VerificationStatistics statistics, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        int n = box.Dimension;
        var lower = tensor(box.Lower.Select(v => (double)v).ToArray(), float64);
        var upper = tensor(box.Upper.Select(v => (double)v).ToArray(), float64);
        var width = upper - lower;
        var starts = new double[batchSize * n];
        for (var b = 0; b < batchSize; b++)
        for (var i = 0; i < n; i++)
            starts[b * n + i] = round == 0 && b == 0 ? (box.Lower[i] + (double)box.Upper[i]) / 2 : box.Lower[i] + (box.Upper[i] - (double)box.Lower[i]) * random.NextDouble();
        var x = tensor(starts, [batchSize, n], float64);
        var outputs = confirmer.Property.OutputCount;
        var polytopes = @case.UnsafeOutputs
            .Select(p => (A: tensor(p.Constraints.SelectMany(k => k.Coefficients).ToArray(), [p.Constraints.Count, outputs], float64),
                          d: tensor(p.Constraints.Select(k => k.Bound).ToArray(), float64)))
            .ToArray();

        for (var step = 0; step < stepsPerRound; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadlineUtc) return null;
            using var stepScope = NewDisposeScope();
            var input = x.detach().requires_grad_(true);
            var margin = Margin(model.Forward(input), polytopes);
            margin.sum().backward();
            statistics.GradientSteps += batchSize;

            var margins = margin.detach().cpu().data<double>().ToArray();
            statistics.BestMargin = Math.Min(statistics.BestMargin, margins.Min());
            var points = input.detach().cpu().data<double>().ToArray();
            foreach (var b in Enumerable.Range(0, batchSize).Where(b => margins[b] <= 0).OrderBy(b => margins[b]))
            {
                var candidate = box.Snap(points.AsSpan(b * n, n));
                if (confirmer.Confirm(candidate, Name) is { } found) return found;
                statistics.RejectedCandidates++;
            }

            // Step size shrinks from a tenth of the box to a thousandth over the round (cosine schedule).
            var fraction = 0.001 + 0.099 * 0.5 * (1 + Math.Cos(Math.PI * step / stepsPerRound));
            var grad = input.grad!;
            var next = input.detach() - grad.sign() * width * fraction;
            x.copy_(torch.maximum(torch.minimum(next, upper), lower));
        }
        return null;
    }

    /// <summary>Per-sample unsafe margin: min over polytopes of max over constraints of (a·y - d); ≤ 0 means unsafe.</summary>
    private static Tensor Margin(Tensor y, (Tensor A, Tensor d)[] polytopes)
    {
        var perPolytope = polytopes.Select(p => y.matmul(p.A.t()).sub(p.d).max(1).values).ToArray();
        return perPolytope.Length == 1 ? perPolytope[0] : stack(perPolytope, 1).min(1).values;
    }
}
