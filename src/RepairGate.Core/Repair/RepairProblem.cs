using RepairGate.Core.Model;

namespace RepairGate.Core.Repair;

/// <summary>What to repair and how much change is allowed.</summary>
/// <param name="Network">The network to repair; never modified (engines return a new network).</param>
/// <param name="Edits">Points whose outputs must become (or stay) safe.</param>
/// <param name="Preserve">Inputs whose outputs should barely move (sampled from the input domain, or given data).</param>
/// <param name="Layers">Indices into <see cref="Network.Layers"/> of the affine layers allowed to change, in network order.</param>
/// <param name="Norm">The norm of the weight change to minimise.</param>
/// <param name="Margin">How far (in constraint units) each edit point's outputs must clear the unsafe sets; positive, so the
/// repaired model keeps the property under float32 evaluation.</param>
/// <param name="MaxWeightChange">Optional bound on every individual weight/bias change (absolute value).</param>
/// <param name="TimeLimit">Budget for one engine call (solver time limit).</param>
/// <param name="Seed">Seed for anything randomised.</param>
/// <param name="PreserveLabels">For argmax classifiers: the class each preserve point should get (its true label, or the
/// network's own prediction to keep decisions), one per <see cref="Preserve"/> point. The LP engines then penalise lost
/// decisions (hinge slacks) instead of output drift, which is what accuracy drawdown measures. Null keeps the
/// output-drift fidelity (controllers, argmin decisions).</param>
public sealed record RepairProblem(
    Network Network,
    IReadOnlyList<RepairPoint> Edits,
    IReadOnlyList<double[]> Preserve,
    IReadOnlyList<int> Layers,
    WeightNorm Norm = WeightNorm.LInf,
    double Margin = 1e-3,
    double? MaxWeightChange = null,
    TimeSpan? TimeLimit = null,
    int Seed = 20261123,
    IReadOnlyList<int>? PreserveLabels = null);
