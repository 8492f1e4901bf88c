using RepairGate.Core.Reports;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Tests.Reports;

/// <summary>Hand-built reports with every verdict and a repair section, as the repair loop will fill them.</summary>
internal static class SampleReports
{
    public static readonly ReportEnvironment Environment = new("0.1.0+test", ".NET 10", "Linux", "x64", "ci-runner", 2, 7,
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Microsoft.ML.OnnxRuntime"] = "1.31.1" });

    public static PropertyReport Property(string name, Verdict verdict, double seconds = 1.5, double? margin = 0.25) => new(
        $"props/{name}.vnnlib", name, new string('a', 64), verdict,
        verdict switch { Verdict.Sat => "counterexample found by pgd and confirmed by OnnxRuntime", Verdict.Unsat => "proven by input splitting in 3 branches", Verdict.Timeout => "no verdict within the 2 s budget", _ => "not proven" },
        2,
        verdict == Verdict.Sat ? new CounterexampleReport([0.5, -0.25], [1.5, 2.75], 0, "Y_0 - Y_1 <= 0", -1.25, "pgd") : null,
        new StatisticsReport(2000, 640, 0, verdict == Verdict.Sat ? -1.25 : margin, 3, 2, 1),
        new PropertyTiming(seconds, new SortedDictionary<string, double>(StringComparer.Ordinal) { ["pgd"] = seconds / 2, ["sampling"] = seconds / 4 }));

    public static ModelReport Model(string name, params PropertyReport[] properties) =>
        new($"models/{name}.onnx", name, new string('b', 64), 2, 2, properties);

    public static RepairReport Repair(string model = "models/net_a.onnx", bool succeeded = true)
    {
        var random = new Random(3);
        var delta = Enumerable.Range(0, 6 * 4).Select(i => i % 5 == 0 ? random.NextDouble() - 0.5 : 0).ToArray();
        var layers = new[] { new LayerChangeReport(2, "fc2", 6, 4, delta, new double[6]) };
        return new RepairReport(model, "last-layer", succeeded ? "repaired" : "infeasible", succeeded ? "1 edit point made safe" : "no change of layer 2 satisfies the edits",
            [2], WeightChangeReport.From(layers), 1.0, 0.02, 0.75,
            [new RepairIterationReport(1, 1, 1, "repaired", 0.3, Verdict.Sat), new RepairIterationReport(2, 0, 2, "repaired", 0.45, Verdict.Unsat)],
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["name"] = "GLOP", ["solve time"] = "0.01 s", ["variables"] = "30" },
            succeeded ? Verdict.Unsat : null, null, layers,
            [new PreservePointReport([0.1, 0.2], [0.11, 0.19]), new PreservePointReport([0.5, -0.3], [0.5, -0.31])],
            new RepairTiming(4.5));
    }

    /// <summary>Two models, four verdicts, one repair.</summary>
    public static RunReport Mixed() => new(RunReport.CurrentSchemaVersion, "verify", Environment,
        [
            Model("net_a", Property("prop_1", Verdict.Unsat), Property("prop_2", Verdict.Sat, 0.2)),
            Model("net_b", Property("prop_1", Verdict.Unknown, 2.0, 0.001), Property("prop_2", Verdict.Timeout, 2.0, null)),
        ],
        [Repair()], null, new RunTiming(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), 5.7));

    /// <summary>Every property holds.</summary>
    public static RunReport AllHold() => Mixed() with
    {
        Models = [Model("net_a", Property("prop_1", Verdict.Unsat), Property("prop_3", Verdict.Unsat))],
        Repairs = [],
    };
}
