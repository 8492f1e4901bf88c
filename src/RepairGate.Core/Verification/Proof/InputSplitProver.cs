using RepairGate.Core.Model;
using RepairGate.Core.Specs;

namespace RepairGate.Core.Verification.Proof;

/// <summary>What a prover concluded.</summary>
public enum ProofStatus { Proven, Violated, Timeout, Undecided }

/// <summary>The prover's result: a status and, when violated, the confirmed counterexample.</summary>
public sealed record ProofOutcome(ProofStatus Status, Counterexample? Counterexample, string Detail);

/// <summary>
/// Branch and bound over the input box: bound the outputs by back-substitution, exclude each unsafe polytope
/// where the bounds allow, otherwise check the most suspicious point, and bisect the box along the input that moves
/// the bound most. Complete for ReLU networks up to numerical precision: once no ReLU is unstable in a box the bounds
/// are exact. Suited to low-dimensional inputs (ACAS Xu has 5). Boxes are processed in deterministic batches in
/// parallel, so the outcome and counterexample do not depend on thread timing.
/// </summary>
public sealed class InputSplitProver(double tolerance = 1e-7, int maxDepth = 60)
{
    public string Name => "input-split";

    public ProofOutcome Prove(Network network, CounterexampleConfirmer confirmer, DateTime deadlineUtc, VerificationStatistics statistics, CancellationToken cancellationToken)
    {
        var plan = PiecewiseLinearNetwork.From(network);
        var property = confirmer.Property;
        var undecided = 0;
        for (var c = 0; c < property.Cases.Count; c++)
        {
            var @case = property.Cases[c];
            var floatBox = new FloatBox(@case.Input);
            if (floatBox.IsEmpty) continue;
            var work = new Stack<Branch>();
            work.Push(new Branch(@case.Input.Lower.ToArray(), @case.Input.Upper.ToArray(), 0));
            while (work.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (DateTime.UtcNow > deadlineUtc) return new ProofOutcome(ProofStatus.Timeout, null, $"{statistics.Branches} branches explored before the deadline");
                var batch = new Branch[Math.Min(work.Count, BatchSize)];
                for (var b = 0; b < batch.Length; b++) batch[b] = work.Pop();
                var results = new BranchResult[batch.Length];
                Parallel.For(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                    b => results[b] = Examine(plan, @case, floatBox, confirmer, batch[b]));

                // Children go back in reverse so the stack pops them in batch order: deterministic depth-first search.
                for (var b = batch.Length - 1; b >= 0; b--)
                {
                    var result = results[b];
                    statistics.Branches++;
                    statistics.LpCalls += result.LpCalls;
                    statistics.MaxDepth = Math.Max(statistics.MaxDepth, batch[b].Depth);
                    if (result.Undecided) undecided++;
                    if (result.Children is { } children)
                        foreach (var child in children.Reverse()) work.Push(child);
                }
                var found = results.FirstOrDefault(r => r.Counterexample is not null)?.Counterexample;
                if (found is not null) return new ProofOutcome(ProofStatus.Violated, found, $"counterexample at branch {statistics.Branches}");
            }
        }
        return undecided == 0
            ? new ProofOutcome(ProofStatus.Proven, null, $"proven by input splitting in {statistics.Branches} branches")
            : new ProofOutcome(ProofStatus.Undecided, null, $"{undecided} boxes touch the unsafe set only within the numerical tolerance");
    }

    private const int BatchSize = 16;

    private sealed record Branch(double[] Lower, double[] Upper, int Depth, BackSubstitutionBounds? Parent = null);

    private sealed record BranchResult(Branch[]? Children, Counterexample? Counterexample, bool Undecided, int LpCalls);

    private BranchResult Examine(PiecewiseLinearNetwork plan, PropertyCase @case, FloatBox floatBox, CounterexampleConfirmer confirmer, Branch branch)
    {
        var bounds = BackSubstitutionBounds.Compute(plan, branch.Lower, branch.Upper, branch.Parent);
        var lpCalls = 0;
        double[]? guide = null;
        var open = false;
        foreach (var polytope in @case.UnsafeOutputs)
        {
            var lowerBounds = polytope.Constraints.Select(k => bounds.LowerBoundOf(k.Coefficients, -k.Bound)).ToList();
            if (lowerBounds.Count == 0) lowerBounds.Add(new double[branch.Lower.Length + 1]); // no constraint: always unsafe
            var outcome = PolytopeExclusion.Check(lowerBounds, branch.Lower, branch.Upper, tolerance, ref lpCalls);
            if (outcome.Excluded) continue;
            open = true;
            guide ??= outcome.SplitGuide;
            if (outcome.Candidate is { } point && TryConfirm(plan, @case, floatBox, confirmer, point) is { } found)
                return new BranchResult(null, found, false, lpCalls);
        }
        if (!open) return new BranchResult(null, null, false, lpCalls);

        // Exact bounds (no unstable ReLU) that still reach the unsafe set only within tolerance: nothing left to split.
        var exhausted = bounds.UnstableCount == 0 || branch.Depth >= maxDepth;
        if (exhausted)
        {
            var centre = branch.Lower.Zip(branch.Upper, (l, u) => (l + u) / 2).ToArray();
            var found = TryConfirm(plan, @case, floatBox, confirmer, centre);
            return new BranchResult(null, found, found is null, lpCalls);
        }
        return new BranchResult(Split(branch, guide!, @case.Input, bounds), null, false, lpCalls);
    }

    /// <summary>
    /// Bisects along the input whose range moves the bound function most (|coefficient| × width), damped by the
    /// square root of its width relative to the property box, plus a share of that relative width so that inputs
    /// the bound ignores still get split eventually. Chosen by measurement on ACAS Xu (see README).
    /// </summary>
    private static Branch[] Split(Branch branch, double[] guide, InputBox root, BackSubstitutionBounds bounds)
    {
        var dimension = 0;
        var best = double.NegativeInfinity;
        for (var k = 0; k < branch.Lower.Length; k++)
        {
            var width = branch.Upper[k] - branch.Lower[k];
            var rootWidth = root.Upper[k] - root.Lower[k];
            var relative = rootWidth > 0 ? width / rootWidth : 0;
            var score = Math.Abs(guide[k]) * width * Math.Sqrt(relative) + 0.02 * relative;
            if (score > best)
            {
                best = score;
                dimension = k;
            }
        }
        var middle = (branch.Lower[dimension] + branch.Upper[dimension]) / 2;
        var leftUpper = branch.Upper.ToArray();
        leftUpper[dimension] = middle;
        var rightLower = branch.Lower.ToArray();
        rightLower[dimension] = middle;
        return [new Branch(branch.Lower, leftUpper, branch.Depth + 1, bounds), new Branch(rightLower, branch.Upper, branch.Depth + 1, bounds)];
    }

    /// <summary>Evaluates a suspicious point (snapped to float32 in the property box); unsafe ones go to the oracle.</summary>
    private static Counterexample? TryConfirm(PiecewiseLinearNetwork plan, PropertyCase @case, FloatBox floatBox, CounterexampleConfirmer confirmer, double[] point)
    {
        var snapped = floatBox.Snap(point);
        var y = plan.Evaluate(snapped.Select(v => (double)v).ToArray());
        if (@case.UnsafeMargin(y) > 0) return null;
        return confirmer.Confirm(snapped, "input-split");
    }
}
