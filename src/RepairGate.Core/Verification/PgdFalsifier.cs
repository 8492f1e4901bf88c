using RepairGate.Core.Model;
using RepairGate.Core.Specs;
using RepairGate.Core.Torch;
using static TorchSharp.torch;

namespace RepairGate.Core.Verification;

/// <summary>
/// Projected gradient descent (TorchSharp autograd) on the unsafe margin inside each input box: a batch of starts
/// takes signed-gradient steps with a shrinking step size and is clamped back into the box after each step.
/// Later rounds restart half the batch near the best point so far, in a shrinking neighbourhood, because the
/// violations that survive sampling are small regions next to near-misses. Deterministic for a given seed.
/// </summary>
public sealed class PgdFalsifier(int batchSize = 64, int stepsPerRound = 150, int maxRounds = 24, int seed = 20261123) : IFalsifier
{
    public string Name => "pgd";

    public Counterexample? Search(Network network, CounterexampleConfirmer confirmer, DateTime deadlineUtc, VerificationStatistics statistics, CancellationToken cancellationToken)
    {
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
        var random = new Random(seed);
        var searches = confirmer.Property.Cases
            // A polytope without constraints makes the whole box unsafe; sampling's first point already shows that.
            .Where(c => c.UnsafeOutputs.All(p => p.Constraints.Count > 0))
            .Select(c => new CaseSearch(c, new FloatBox(c.Input), confirmer.Property.OutputCount))
            .Where(s => !s.Box.IsEmpty)
            .ToList();
        try
        {
            for (var round = 0; round < maxRounds; round++)
            foreach (var search in searches)
            {
                var found = Descend(model, search, confirmer, Starts(search, random, round), deadlineUtc, statistics, cancellationToken);
                if (found is not null || DateTime.UtcNow > deadlineUtc) return found;
            }
            return null;
        }
        finally
        {
            foreach (var search in searches) search.Dispose();
        }
    }

    private double[] Starts(CaseSearch search, Random random, int round)
    {
        var box = search.Box;
        int n = box.Dimension;
        var starts = new double[batchSize * n];
        var radius = 0.2 * Math.Pow(0.6, round);
        for (var b = 0; b < batchSize; b++)
        {
            var local = search.Best is not null && b < batchSize / 2;
            for (var i = 0; i < n; i++)
            {
                double lo = box.Lower[i], hi = box.Upper[i];
                starts[b * n + i] = round == 0 && b == 0 ? (lo + hi) / 2
                    : local ? Math.Clamp(search.Best![i] + (hi - lo) * radius * (2 * random.NextDouble() - 1), lo, hi)
                    : lo + (hi - lo) * random.NextDouble();
            }
        }
        return starts;
    }

    private Counterexample? Descend(TorchNetwork model, CaseSearch search, CounterexampleConfirmer confirmer, double[] starts,
        DateTime deadlineUtc, VerificationStatistics statistics, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        int n = search.Box.Dimension;
        var x = tensor(starts, [batchSize, n], float64);
        for (var step = 0; step < stepsPerRound; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadlineUtc) return null;
            using var stepScope = NewDisposeScope();
            var input = x.detach().requires_grad_(true);
            var margin = search.Margin(model.Forward(input));
            margin.sum().backward();
            statistics.GradientSteps += batchSize;

            var margins = margin.detach().data<double>().ToArray();
            var points = input.detach().data<double>().ToArray();
            var bestIndex = Array.IndexOf(margins, margins.Min());
            statistics.BestMargin = Math.Min(statistics.BestMargin, margins[bestIndex]);
            search.Offer(points.AsSpan(bestIndex * n, n), margins[bestIndex]);
            foreach (var b in Enumerable.Range(0, batchSize).Where(b => margins[b] <= 0).OrderBy(b => margins[b]))
            {
                var candidate = search.Box.Snap(points.AsSpan(b * n, n));
                if (confirmer.Confirm(candidate, Name) is { } found) return found;
                statistics.RejectedCandidates++;
            }

            // Step size shrinks from a tenth of the box to a ten-thousandth over the round (cosine schedule).
            var fraction = 0.0001 + 0.0999 * 0.5 * (1 + Math.Cos(Math.PI * step / stepsPerRound));
            // Tensor * double would create a temporary Scalar: see TorchScalars.
            var next = input.detach().sub(input.grad!.sign().mul(search.Width).mul(tensor(fraction, float64)));
            x.copy_(maximum(minimum(next, search.Upper), search.Lower));
        }
        return null;
    }

    /// <summary>Tensors and best point for one case of the property, kept across rounds.</summary>
    private sealed class CaseSearch : IDisposable
    {
        private readonly (Tensor A, Tensor D)[] _polytopes;

        public CaseSearch(PropertyCase @case, FloatBox box, int outputs)
        {
            Box = box;
            Lower = tensor(box.Lower.Select(v => (double)v).ToArray(), float64);
            Upper = tensor(box.Upper.Select(v => (double)v).ToArray(), float64);
            Width = Upper.sub(Lower);
            _polytopes = @case.UnsafeOutputs
                .Select(p => (tensor(p.Constraints.SelectMany(k => k.Coefficients).ToArray(), [p.Constraints.Count, outputs], float64).t(),
                              tensor(p.Constraints.Select(k => k.Bound).ToArray(), float64)))
                .ToArray();
        }

        public FloatBox Box { get; }
        public Tensor Lower { get; }
        public Tensor Upper { get; }
        public Tensor Width { get; }
        public double[]? Best { get; private set; }
        private double _bestMargin = double.PositiveInfinity;

        /// <summary>Per-sample unsafe margin: min over polytopes of max over constraints of (a·y - d); ≤ 0 means unsafe.</summary>
        public Tensor Margin(Tensor y)
        {
            var perPolytope = _polytopes.Select(p => y.matmul(p.A).sub(p.D).max(1).values).ToArray();
            return perPolytope.Length == 1 ? perPolytope[0] : stack(perPolytope, 1).min(1).values;
        }

        public void Offer(ReadOnlySpan<double> point, double margin)
        {
            if (margin >= _bestMargin) return;
            _bestMargin = margin;
            Best = point.ToArray();
        }

        public void Dispose()
        {
            foreach (var (a, d) in _polytopes)
            {
                a.Dispose();
                d.Dispose();
            }
            Lower.Dispose();
            Upper.Dispose();
            Width.Dispose();
        }
    }
}
