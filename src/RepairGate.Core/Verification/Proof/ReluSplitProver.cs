using RepairGate.Core.Model;
using RepairGate.Core.Specs;

namespace RepairGate.Core.Verification.Proof;

/// <summary>
/// Branch and bound over ReLU phases, for high-dimensional inputs (images) where bisecting the input box is hopeless.
/// For each unsafe polytope: bound it on the branch by back-substitution under the split decisions
/// (<see cref="ReluSplitBounds"/>), exclude it where the bounds (or the LP over their lower-bound functions) allow,
/// test the most suspicious point, and otherwise either decide the branch exactly — an LP with a re-checked
/// certificate once no free ReLU is unstable, or a SCIP MILP when few remain — or split the unstable neuron whose
/// relaxation loosens the bound most. Complete: every branch ends excluded, decided exactly or with a confirmed
/// counterexample. Branches are examined in deterministic batches in parallel.
/// </summary>
public sealed class ReluSplitProver(double tolerance = 1e-7, double milpMargin = 1e-4, int milpMaxUnstable = 24, double milpLeafSeconds = 5) : IProver
{
    public string Name => "relu-split";

    /// <summary>A branch counts as excluded only when its bound exceeds this (covers float64 round-off).</summary>
    public double Tolerance { get; } = tolerance;

    /// <summary>A MILP proof needs SCIP's bound above this (covers SCIP's 1e-6 feasibility tolerance).</summary>
    public double MilpMargin { get; } = milpMargin;

    /// <summary>Branches with at most this many unstable ReLUs are decided by a MILP before splitting further.</summary>
    public int MilpMaxUnstable { get; } = milpMaxUnstable;

    /// <summary>Time limit of one branch's MILP; when it runs out the branch is split instead.</summary>
    public double MilpLeafSeconds { get; } = milpLeafSeconds;

    public ProofOutcome Prove(Network network, CounterexampleConfirmer confirmer, DateTime deadlineUtc, VerificationStatistics statistics, CancellationToken cancellationToken)
    {
        var plan = PiecewiseLinearNetwork.From(network);
        var property = confirmer.Property;
        var undecided = 0;
        long byBounds = 0, byLp = 0, byMilp = 0;
        for (var c = 0; c < property.Cases.Count; c++)
        {
            var @case = property.Cases[c];
            var floatBox = new FloatBox(@case.Input);
            if (floatBox.IsEmpty) continue;
            var search = new Search(plan, @case, floatBox, confirmer, @case.Input.Lower.ToArray(), @case.Input.Upper.ToArray(), deadlineUtc, cancellationToken);
            foreach (var polytope in @case.UnsafeOutputs)
            {
                var work = new Stack<Branch>();
                work.Push(new Branch(ReluPhases.None(plan), null, 0));
                while (work.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (DateTime.UtcNow > deadlineUtc) return new ProofOutcome(ProofStatus.Timeout, null, $"{statistics.Branches} ReLU branches explored before the deadline");
                    var batch = new Branch[Math.Min(work.Count, BatchSize)];
                    for (var b = 0; b < batch.Length; b++) batch[b] = work.Pop();
                    var results = new BranchResult[batch.Length];
                    Parallel.For(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                        b => results[b] = search.Examine(polytope, batch[b], this));
                    for (var b = batch.Length - 1; b >= 0; b--)
                    {
                        var result = results[b];
                        statistics.Branches++;
                        statistics.LpCalls += result.LpCalls;
                        statistics.MilpCalls += result.MilpCalls;
                        statistics.MaxDepth = Math.Max(statistics.MaxDepth, batch[b].Depth);
                        switch (result.ClosedBy)
                        {
                            case Closure.Bounds: byBounds++; break;
                            case Closure.Lp: byLp++; break;
                            case Closure.Milp: byMilp++; break;
                            case Closure.Undecided: undecided++; break;
                        }
                        if (result.Children is { } children)
                            foreach (var child in children.Reverse()) work.Push(child);
                    }
                    var found = results.FirstOrDefault(r => r.Counterexample is not null)?.Counterexample;
                    if (found is not null) return new ProofOutcome(ProofStatus.Violated, found, $"counterexample at ReLU branch {statistics.Branches}");
                }
            }
        }
        var how = $"{statistics.Branches} branches: {byBounds} closed by bounds, {byLp} by LP certificates, {byMilp} by MILP";
        return undecided == 0
            ? new ProofOutcome(ProofStatus.Proven, null, $"proven by ReLU splitting in {how}")
            : new ProofOutcome(ProofStatus.Undecided, null, $"{undecided} ReLU branches reach the unsafe set only within the numerical tolerance ({how})");
    }

    private const int BatchSize = 8;

    private enum Closure { Open, Bounds, Lp, Milp, Undecided }

    private sealed record Branch(ReluPhases Phases, ReluSplitBounds? Parent, int Depth);

    private sealed record BranchResult(Closure ClosedBy, Branch[]? Children, Counterexample? Counterexample, int LpCalls, int MilpCalls);

    /// <summary>The fixed parts of one case's search.</summary>
    private sealed record Search(PiecewiseLinearNetwork Plan, PropertyCase Case, FloatBox FloatBox, CounterexampleConfirmer Confirmer,
        double[] Lower, double[] Upper, DateTime DeadlineUtc, CancellationToken CancellationToken)
    {
        public BranchResult Examine(OutputPolytope polytope, Branch branch, ReluSplitProver settings)
        {
            var tolerance = settings.Tolerance;
            var bounds = ReluSplitBounds.Compute(Plan, Lower, Upper, branch.Phases, branch.Parent, tolerance);
            if (bounds.Infeasible) return new BranchResult(Closure.Bounds, null, null, 0, 0);
            var scores = Plan.Steps.Select(s => s.Relu ? new double[s.Outputs] : null).ToArray();
            var g = polytope.Constraints.Select(k => bounds.LowerBoundOf(k.Coefficients, -k.Bound, scores)).ToList();
            if (g.Count == 0) g.Add(new double[Lower.Length + 1]); // no constraint: every output is unsafe
            var lpCalls = 0;
            var outcome = PolytopeExclusion.Check(g, Lower, Upper, tolerance, ref lpCalls);
            if (outcome.Excluded) return new BranchResult(Closure.Bounds, null, null, lpCalls, 0);
            if (outcome.Candidate is { } point && TryConfirm(point) is { } found) return new BranchResult(Closure.Open, null, found, lpCalls, 0);

            if (bounds.UnstableCount == 0)
            {
                lpCalls++;
                var leaf = ReluSplitLeaf.Check(bounds, g, tolerance);
                if (leaf.Excluded) return new BranchResult(Closure.Lp, null, null, lpCalls, 0);
                var cex = leaf.Candidate is { } candidate ? TryConfirm(candidate) : null;
                return new BranchResult(cex is null ? Closure.Undecided : Closure.Open, null, cex, lpCalls, 0);
            }

            var milpCalls = 0;
            var remaining = DeadlineUtc - DateTime.UtcNow;
            if (bounds.UnstableCount <= settings.MilpMaxUnstable && remaining > TimeSpan.Zero)
            {
                milpCalls++;
                var limit = TimeSpan.FromSeconds(Math.Min(settings.MilpLeafSeconds, remaining.TotalSeconds));
                var milp = MilpEncoding.Solve(Plan, Lower, Upper, bounds.PreLower, bounds.PreUpper, branch.Phases, polytope.Constraints, settings.MilpMargin, limit, CancellationToken);
                if (milp.Status == MilpStatus.Excluded) return new BranchResult(Closure.Milp, null, null, lpCalls, milpCalls);
                if (milp.Point is { } milpPoint && TryConfirm(milpPoint) is { } milpFound) return new BranchResult(Closure.Open, null, milpFound, lpCalls, milpCalls);
            }
            return new BranchResult(Closure.Open, Split(branch, bounds, scores), null, lpCalls, milpCalls);
        }

        /// <summary>Splits the unstable free neuron with the highest score (ties: the widest, then the first).</summary>
        private static Branch[] Split(Branch branch, ReluSplitBounds bounds, double[]?[] scores)
        {
            (int Step, int Neuron) best = (-1, -1);
            double bestScore = double.NegativeInfinity, bestWidth = double.NegativeInfinity;
            for (var s = 0; s < scores.Length; s++)
            {
                if (scores[s] is not { } score) continue;
                for (var o = 0; o < score.Length; o++)
                {
                    double l = bounds.PreLower[s]![o], u = bounds.PreUpper[s]![o];
                    if (branch.Phases[s, o] != 0 || l >= 0 || u <= 0) continue;
                    var width = Math.Min(u, -l);
                    if (score[o] > bestScore || (score[o] == bestScore && width > bestWidth))
                    {
                        best = (s, o);
                        bestScore = score[o];
                        bestWidth = width;
                    }
                }
            }
            var depth = branch.Depth + 1;
            return [new Branch(branch.Phases.With(best.Step, best.Neuron, 1), bounds, depth),
                    new Branch(branch.Phases.With(best.Step, best.Neuron, -1), bounds, depth)];
        }

        private Counterexample? TryConfirm(double[] point)
        {
            var snapped = FloatBox.Snap(point);
            var y = Plan.Evaluate(snapped.Select(v => (double)v).ToArray());
            if (Case.UnsafeMargin(y) > 0) return null;
            return Confirmer.Confirm(snapped, "relu-split");
        }
    }
}
