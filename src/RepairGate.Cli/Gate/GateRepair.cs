using RepairGate.Core.Model;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Gate;

/// <summary>A violated property with the counterexample the gate found for it.</summary>
internal sealed record GateViolation(VnnProperty Property, Counterexample Counterexample);

/// <summary>What the gate asks of a repair engine for one model.</summary>
/// <param name="Network">The model as loaded; never modified.</param>
/// <param name="Violations">Properties found violated, each with a confirmed counterexample.</param>
/// <param name="Properties">Every property of the model: the repaired model must satisfy all of them.</param>
/// <param name="Engine">RepairEngine item metadata, e.g. "auto".</param>
/// <param name="MaxDrawdown">Largest share of inputs whose decision may change (0.005 = 0.5 %).</param>
/// <param name="Timeout">Budget for the repair.</param>
/// <param name="Seed">Seed for anything randomised.</param>
/// <param name="OriginalResults">The gate's verdicts on the original model, reused by the repair loop.</param>
/// <param name="DecisionIsArgmin">The decision is the smallest output (ACAS Xu advisories) rather than the largest.</param>
internal sealed record GateRepairRequest(
    Network Network,
    IReadOnlyList<GateViolation> Violations,
    IReadOnlyList<VnnProperty> Properties,
    string Engine,
    double MaxDrawdown,
    TimeSpan Timeout,
    int Seed,
    bool DecisionIsArgmin = false,
    IReadOnlyDictionary<VnnProperty, VerificationResult>? OriginalResults = null);

/// <summary>What a repair engine returns: a new network (or null when it failed) and how much it changed.</summary>
/// <param name="Repaired">The repaired network (loaded from ONNX, so it can be written back), or null.</param>
/// <param name="Detail">One sentence for the build log: engine, layer, why it failed.</param>
/// <param name="WeightChange">Size of the weight change in the engine's norm, e.g. "L-inf 0.0123 in layer 6".</param>
/// <param name="Fidelity">Share of sampled inputs whose decision is unchanged (1 = identical behaviour).</param>
/// <param name="ProvenProperties">Names of the properties the repairer itself proved on the repaired network (soundly,
/// e.g. by a region proof on its own partition); the gate accepts these when its general verifier runs out of time.</param>
/// <param name="Report">The repair as the reports show it (engine, weight change per layer, iterations, ...), when available.</param>
internal sealed record GateRepairResult(Network? Repaired, string Detail, string WeightChange, double Fidelity, IReadOnlyList<string> ProvenProperties,
    Core.Reports.RepairReport? Report = null);

/// <summary>The one seam between the gate and the repair engines.</summary>
internal interface IGateRepairer
{
    /// <summary>False when this build has no repair engine: a Repair="true" item then fails with RG2003.</summary>
    bool IsAvailable { get; }

    Task<GateRepairResult> RepairAsync(GateRepairRequest request, CancellationToken cancellationToken);
}

/// <summary>Chooses the repairer: the verify-repair-reverify loop (<see cref="LoopRepairer"/>).</summary>
internal static class GateRepairers
{
    public static IGateRepairer Default(TextWriter log) => new LoopRepairer(log);
}
