using System.Diagnostics;
using Google.OrTools.LinearSolver;
using RepairGate.Core.Model;

namespace RepairGate.Core.Repair;

/// <summary>Shared driver of the two LP engines: one affine layer, an LP, then an honest check of the result.</summary>
/// <param name="fidelityWeight">Weight of the fidelity term against the norm of the change.</param>
/// <param name="maxPreservePoints">Preserve points used with output-drift fidelity.</param>
/// <param name="maxDecisionPoints">Preserve points used with decision fidelity (<see cref="RepairProblem.PreserveLabels"/>): fewer,
/// because each brings several rows, and the LP must stay fast on classifier edit sets.</param>
public abstract class LayerLpEngine(double fidelityWeight, int maxPreservePoints, int maxDecisionPoints) : IRepairEngine
{
    public abstract string Name { get; }

    /// <summary>Whether the ReLUs after the layer are frozen (pattern LP) or there must be none (last-layer LP).</summary>
    protected abstract bool FreezesPatterns { get; }

    public Task<RepairAttempt> RepairAsync(RepairProblem problem, CancellationToken cancellationToken) =>
        Task.Run(() => Repair(problem, [], cancellationToken), cancellationToken);

    /// <summary>Sub-boxes per region for region repair (see <see cref="CertifiedBox"/>).</summary>
    protected virtual int BoxesPerRegion => 0;

    protected RepairAttempt Repair(RepairProblem problem, IReadOnlyList<RepairRegion> regions, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        RepairAttempt Attempt(RepairStatus status, Network? repaired, string detail, IReadOnlyDictionary<string, string>? solver = null, IReadOnlyList<string>? conflicts = null) =>
            new(Name, status, repaired, detail, clock.Elapsed, solver ?? new Dictionary<string, string>(), conflicts ?? []);

        if (problem.Layers.Count != 1) return Attempt(RepairStatus.Failed, null, $"{Name} changes exactly one layer; {problem.Layers.Count} were given");
        var index = problem.Layers[0];
        if (index < 0 || index >= problem.Network.Layers.Count || problem.Network.Layers[index] is not AffineLayer)
            return Attempt(RepairStatus.Failed, null, $"layer {index} is not an affine layer");
        if (Validate(problem.Network, index) is { } refusal) return Attempt(RepairStatus.Failed, null, refusal);

        LayerLp lp;
        try
        {
            var boxes = regions.SelectMany(r => CertifiedBox.Split(problem.Network, index, r, BoxesPerRegion, cancellationToken)).ToArray();
            lp = new LayerLp(problem, index, new LayerLp.Settings(FreezesPatterns, fidelityWeight, problem.PreserveLabels is null ? maxPreservePoints : maxDecisionPoints), cancellationToken, boxes);
        }
        catch (NotSupportedException e)
        {
            return Attempt(RepairStatus.Failed, null, e.Message);
        }
        if (lp.HopelessEdits is { Count: > 0 } hopeless)
            return Attempt(RepairStatus.Infeasible, null, "some edit points have an unsafe set covering every output", conflicts: hopeless);

        var outcome = lp.Solve();
        cancellationToken.ThrowIfCancellationRequested();
        switch (outcome.Status)
        {
            case Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE:
                var repaired = problem.Network.WithLayer(index, outcome.Layer!);
                var failing = EditCheck.Failing(repaired, problem.Edits);
                if (failing.Count == 0)
                    return Attempt(RepairStatus.Repaired, repaired, $"layer {index} changed; all {problem.Edits.Count} edit points clear their unsafe sets"
                        + (regions.Count > 0 ? $", and {regions.Count} region(s) in {BoxesPerRegion} sub-boxes each by sound bounds" : ""), outcome.Statistics);
                return Attempt(RepairStatus.Failed, null,
                    $"the LP solution leaves {failing.Count} edit point(s) unsafe when evaluated (e.g. {failing[0]}){(FreezesPatterns ? ": activation patterns or rounding moved" : ": float32 rounding")}",
                    outcome.Statistics);
            case Solver.ResultStatus.INFEASIBLE:
                // A proof of infeasibility only when no disjunction was resolved by choice and no pattern was frozen.
                var proven = !FreezesPatterns && lp.ChoicesAreExact;
                return Attempt(proven ? RepairStatus.Infeasible : RepairStatus.Failed, null,
                    proven ? "no change of the layer satisfies all edit points"
                           : "no change of the layer satisfies the edit points with the chosen constraints" + (FreezesPatterns ? " and frozen activation patterns" : ""),
                    outcome.Statistics, outcome.Conflicts);
            case Solver.ResultStatus.NOT_SOLVED when problem.TimeLimit is { } limit && clock.Elapsed >= limit:
                return Attempt(RepairStatus.TimedOut, null, $"the LP was not solved within {limit.TotalSeconds:0.#} s", outcome.Statistics);
            default:
                return Attempt(RepairStatus.Failed, null, $"the LP solver ended with status {outcome.Status}", outcome.Statistics);
        }
    }

    /// <summary>A reason to refuse this layer, or null.</summary>
    protected virtual string? Validate(Network network, int layerIndex) => null;
}

/// <summary>
/// Exact minimal change of the final affine layer: with only linear layers after it, the outputs are linear in the
/// change, so the LP is exact (up to the choice of which constraint of each unsafe polytope to leave).
/// </summary>
/// With regions, every sub-box of a region gets the constraint for all last-hidden-layer values its sound bounds allow,
/// so the region is safe by construction.
public sealed class LastLayerLpEngine(double fidelityWeight = 1.0, int maxPreservePoints = 4000, int boxesPerRegion = LastLayerLpEngine.DefaultBoxesPerRegion,
    int maxDecisionPoints = 1000)
    : LayerLpEngine(fidelityWeight, maxPreservePoints, maxDecisionPoints), IRegionRepairEngine
{
    protected override int BoxesPerRegion => boxesPerRegion;

    public Task<RepairAttempt> RepairAsync(RepairProblem problem, IReadOnlyList<RepairRegion> regions, CancellationToken cancellationToken) =>
        Task.Run(() => Repair(problem, regions, cancellationToken), cancellationToken);

    public const string EngineName = "last-layer";

    /// <summary>Sub-boxes per region: enough for ACAS Xu boxes, small enough for a fast LP.</summary>
    public const int DefaultBoxesPerRegion = 128;

    public override string Name => EngineName;

    protected override bool FreezesPatterns => false;

    protected override string? Validate(Network network, int layerIndex) =>
        network.Layers.Skip(layerIndex + 1).FirstOrDefault(l => l is ReluLayer or Pool2dLayer { Pool: PoolKind.Max }) is { } nonlinear
            ? $"layer {layerIndex} is followed by a non-linear layer ({nonlinear.Kind}); use pattern-lp for hidden layers"
            : null;
}

/// <summary>
/// A hidden affine layer with every later ReLU frozen at its state at each point (as in PRDNN/APRNN): linear, so an LP;
/// the edit points also keep their activation patterns, and the result is checked by evaluating the network.
/// </summary>
public sealed class PatternLpEngine(double fidelityWeight = 1.0, int maxPreservePoints = 400, int maxDecisionPoints = 100)
    : LayerLpEngine(fidelityWeight, maxPreservePoints, maxDecisionPoints)
{
    public const string EngineName = "pattern-lp";

    public override string Name => EngineName;

    protected override bool FreezesPatterns => true;
}
