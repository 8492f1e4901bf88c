using RepairGate.Core.Verification;

namespace RepairGate.Core.Reports;

/// <summary>
/// One repair of one model: what changed, how much, whether it worked, and how the rest of the behaviour moved.
/// Plain data, filled from the repair loop's result; every rendering reads only this.
/// </summary>
/// <param name="Model">The input model path (displayed like <see cref="ModelReport.Path"/>).</param>
/// <param name="Engine">The engine's name, e.g. last-layer.</param>
/// <param name="Status">How the repair ended: repaired, infeasible, failed, timed-out.</param>
/// <param name="Detail">One readable sentence.</param>
/// <param name="Layers">Indices of the layers allowed to change.</param>
/// <param name="WeightChange">Size of the change over all repaired layers.</param>
/// <param name="Efficacy">Fraction (0..1) of edit points that are safe after the repair; null when not measured.</param>
/// <param name="Drawdown">Fidelity loss on the preserve set, e.g. the fraction of preserve points whose predicted class changed; null when not measured.</param>
/// <param name="Generalisation">Fraction (0..1) of held-out counterexamples (not used as edits) fixed; null when not measured.</param>
/// <param name="Iterations">The verify-repair loop, one entry per round.</param>
/// <param name="Solver">Solver statistics (name, variables, constraints, status, ...), sorted by key.</param>
/// <param name="FinalVerdict">Re-verification of the repaired model (unsat means every property now holds); null when not re-verified.</param>
/// <param name="OutputModel">The repaired model file and its hash; null when nothing was written.</param>
/// <param name="LayerChanges">Per repaired layer: the weight-change matrix (for the heat map).</param>
/// <param name="Preserve">Outputs before and after the repair on preserve points (for the comparison plot).</param>
/// <param name="Timing">Wall time; null when timing is excluded.</param>
public sealed record RepairReport(
    string Model,
    string Engine,
    string Status,
    string Detail,
    IReadOnlyList<int> Layers,
    WeightChangeReport WeightChange,
    double? Efficacy,
    double? Drawdown,
    double? Generalisation,
    IReadOnlyList<RepairIterationReport> Iterations,
    IReadOnlyDictionary<string, string> Solver,
    Verdict? FinalVerdict,
    OutputFileReport? OutputModel,
    IReadOnlyList<LayerChangeReport> LayerChanges,
    IReadOnlyList<PreservePointReport> Preserve,
    RepairTiming? Timing = null)
{
    /// <summary>True when the repair succeeded and re-verification (if run) proved every property.</summary>
    public bool Succeeded => Status == "repaired" && FinalVerdict is null or Verdict.Unsat;

    /// <summary>Drops timing, including solver entries whose key mentions time or seconds.</summary>
    public RepairReport WithoutTiming() => this with
    {
        Timing = null,
        Solver = Solver.Where(kv => !IsTimingKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
    };

    private static bool IsTimingKey(string key) =>
        key.Contains("time", StringComparison.OrdinalIgnoreCase) || key.Contains("second", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Size of a weight change: largest absolute change, sum of absolute changes, number of changed values.</summary>
public sealed record WeightChangeReport(double LInf, double L1, long Count)
{
    public static WeightChangeReport From(IEnumerable<LayerChangeReport> layers)
    {
        double linf = 0, l1 = 0;
        long count = 0;
        foreach (var d in layers.SelectMany(l => l.WeightDelta.Concat(l.BiasDelta)))
        {
            linf = Math.Max(linf, Math.Abs(d));
            l1 += Math.Abs(d);
            if (d != 0) count++;
        }
        return new WeightChangeReport(linf, l1, count);
    }
}

/// <summary>One round of the verify-repair loop.</summary>
/// <param name="Iteration">1-based round number.</param>
/// <param name="Counterexamples">Counterexamples found by verification in this round.</param>
/// <param name="EditPoints">Edit points the engine had to satisfy.</param>
/// <param name="Status">The engine's status for this round.</param>
/// <param name="WeightChangeLInf">Largest weight change after this round.</param>
/// <param name="Verdict">Verification verdict of the model after this round; null when not verified.</param>
public sealed record RepairIterationReport(int Iteration, int Counterexamples, int EditPoints, string Status, double WeightChangeLInf, Verdict? Verdict);

/// <summary>The change of one affine layer: <c>after - before</c>, weights row-major [rows = outputs, columns = inputs].</summary>
public sealed record LayerChangeReport(int Layer, string Name, int Rows, int Columns, IReadOnlyList<double> WeightDelta, IReadOnlyList<double> BiasDelta)
{
    /// <summary>The change between two versions of one affine layer.</summary>
    public static LayerChangeReport Between(int layer, Model.AffineLayer before, Model.AffineLayer after)
    {
        if (before.Weights.Length != after.Weights.Length || before.Bias.Length != after.Bias.Length)
            throw new ArgumentException($"layer {layer} changed shape");
        return new LayerChangeReport(layer, before.Name, before.OutputSize, before.InputSize,
            before.Weights.Zip(after.Weights, (b, a) => a - b).ToArray(),
            before.Bias.Zip(after.Bias, (b, a) => a - b).ToArray());
    }
}

/// <summary>Network outputs at one preserve point before and after the repair.</summary>
public sealed record PreservePointReport(IReadOnlyList<double> Before, IReadOnlyList<double> After);

/// <summary>A file a run wrote, with its hash.</summary>
public sealed record OutputFileReport(string Path, string Sha256);

/// <summary>Wall time of a repair.</summary>
public sealed record RepairTiming(double Seconds);
