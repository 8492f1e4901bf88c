using RepairGate.Core.Comparison;
using RepairGate.Core.Data;
using RepairGate.Core.EditSets;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using RepairGate.Core.Repair;
using static RepairGate.Core.Tests.EditSets.EditSetFixtures;

namespace RepairGate.Core.Tests.Comparison;

public class ComparisonRunnerTests
{
    private static readonly double[][] EditInputs = [[0.6, 0.4], [0.55, 0.45], [0.7, 0.5], [0.52, 0.48]];

    /// <summary>Four points just on the class-0 side of the diagonal that must become class 1; test points far from it.</summary>
    private static ComparisonSetup TinySetup(IReadOnlyList<string> methods, double margin = 0.01, double[][]? edits = null, int[]? labels = null)
    {
        var items = (edits ?? EditInputs).Select((x, i) => new EditItem(x, labels?[i] ?? 1, EditKind.Misclassified, $"edit {i}")).ToArray();
        var repair = new EditSet("tiny", items) { Domain = new ValueRange(0, 1) };
        var heldOut = new EditSet("tiny (held out)", [new EditItem([0.58, 0.42], 1, EditKind.Misclassified, "held out")]) { Domain = new ValueRange(0, 1) };
        var test = LabelledData.Create([[1, 0], [0.9, 0.1], [0, 1], [0.2, 0.8]], [0, 0, 1, 1], "test.csv");
        var preserve = LabelledData.Create([[1, 0], [0, 1], [0.8, 0.3], [0.3, 0.8]], [0, 1, 0, 1], "train.csv");
        return new ComparisonSetup(Identity2(), "identity2.onnx", new EditSplit(repair, heldOut), test, preserve, methods,
            new ComparisonOptions(TimeSpan.FromSeconds(30), Margin: margin));
    }

    [Fact]
    public async Task Last_layer_fixes_four_hand_made_points_with_at_least_the_minimal_change()
    {
        var progress = new List<string>();
        var result = await ComparisonRunner.RunAsync(TinySetup(["last-layer"]), new SyncProgress(progress), TestContext.Current.CancellationToken);

        Assert.Equal((1.0, 0.0, 0.0), (result.Original.TestAccuracy, result.Original.Efficacy, result.Original.Generalisation));
        var row = Assert.Single(result.Methods);
        Assert.Equal(RepairStatus.Repaired, row.Status);
        Assert.Equal(1.0, row.Scores!.Efficacy);
        Assert.Equal(0.0, row.Scores.Drawdown); // the test points are far from the diagonal
        // Each edit point needs (y1 - y0) to grow by a - b + margin, and one L∞-bounded change t of the six last-layer
        // parameters moves y1 - y0 by at most 2t(a + b + 1): the hardest point (0.7, 0.5) needs t ≥ 0.21 / 4.4.
        Assert.InRange(row.Change!.LInf, 0.21 / 4.4 - 1e-9, 1.0);
        Assert.Equal(["2: out"], row.Change.Layers);
        Assert.NotNull(row.Repaired);
        Assert.True(row.PeakMemoryBytes > 0);
        Assert.Equal((4, 1, 4), (result.RepairItems, result.HeldOutItems, result.TestRows));
        Assert.Contains(progress, l => l.StartsWith("last-layer: repaired", StringComparison.Ordinal));
        // OnnxRuntime on the repaired model agrees with the scores.
        using var oracle = OnnxRuntimeOracle.For(row.Repaired);
        Assert.All(EditInputs, x => Assert.Equal(1, RepairGate.Core.Metrics.ClassifierMetrics.ArgMax(oracle.Run(x.Select(v => (float)v).ToArray()))));
    }

    [Fact]
    public async Task Region_items_go_through_the_repair_loop_and_are_proven()
    {
        // The ball of radius 0.1 around (0.55, 0.45) holds (0.45, 0.55), which the identity network calls class 1.
        var region = new EditSet("region:0.1", [new EditItem([0.55, 0.45], 0, EditKind.Region, "fragile", 0.1)]) { Domain = new ValueRange(0, 1) };
        var heldOut = new EditSet("region:0.1 (held out)", [new EditItem([0.9, 0.1], 0, EditKind.Region, "robust", 0.1)]) { Domain = new ValueRange(0, 1) };
        var test = LabelledData.Create([[1, 0], [0.1, 0.9]], [0, 1], "test.csv");
        var setup = new ComparisonSetup(Identity2(), "identity2.onnx", new EditSplit(region, heldOut), test, test, ["last-layer"],
            new ComparisonOptions(TimeSpan.FromSeconds(60), RegionTimeLimit: TimeSpan.FromSeconds(20)));
        var progress = new List<string>();
        var result = await ComparisonRunner.RunAsync(setup, new SyncProgress(progress), TestContext.Current.CancellationToken);

        Assert.Equal((0.0, 1.0), (result.Original.Efficacy, result.Original.Generalisation));
        var row = Assert.Single(result.Methods);
        Assert.True(row.Status == RepairStatus.Repaired, row.Detail);
        Assert.Equal(1.0, row.Scores!.Efficacy); // proven again by the verifier when scoring
        Assert.Equal(1.0, row.Scores.Generalisation);
        Assert.Contains("proven by the sound verifier", row.Detail);
        Assert.Contains(progress, l => l.StartsWith("last-layer: repair loop on 1 properties", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_result()
    {
        var a = await ComparisonRunner.RunAsync(TinySetup(["last-layer", "pattern-lp"]), null, TestContext.Current.CancellationToken);
        var b = await ComparisonRunner.RunAsync(TinySetup(["last-layer", "pattern-lp"]), null, TestContext.Current.CancellationToken);
        Assert.Equal(a.Methods.Select(m => (m.Method, m.Status, m.Detail)), b.Methods.Select(m => (m.Method, m.Status, m.Detail)));
        for (var k = 0; k < a.Methods.Count; k++)
            if (a.Methods[k].Repaired is { } ra)
                Assert.Equal(((AffineLayer)ra.Layers[^1]).Weights, ((AffineLayer)b.Methods[k].Repaired!.Layers[^1]).Weights);
    }

    [Fact]
    public async Task A_method_that_cannot_repair_gives_a_row_not_an_exception()
    {
        // The same input asked to be class 0 and class 1: no network can do both.
        var setup = TinySetup(["last-layer"], edits: [[0.6, 0.4], [0.6, 0.4]], labels: [0, 1]);
        var row = Assert.Single((await ComparisonRunner.RunAsync(setup, null, TestContext.Current.CancellationToken)).Methods);
        Assert.NotEqual(RepairStatus.Repaired, row.Status);
        Assert.Null(row.Scores);
        Assert.Null(row.Repaired);
        Assert.False(string.IsNullOrWhiteSpace(row.Detail));
    }

    [Fact]
    public async Task Unknown_methods_and_layers_are_bad_input()
    {
        var ct = TestContext.Current.CancellationToken;
        var error = await Assert.ThrowsAsync<BadInputException>(() => ComparisonRunner.RunAsync(TinySetup(["last-layer", "magic"]), null, ct));
        Assert.Contains("unknown method 'magic'; known: last-layer, pattern-lp, milp, gradient, finetune", error.Message);
        var setup = TinySetup(["last-layer"]);
        var layer = await Assert.ThrowsAsync<BadInputException>(() => ComparisonRunner.RunAsync(setup with { Options = setup.Options with { Layer = 5 } }, null, ct));
        Assert.Contains("layer 5 is out of range", layer.Message);
    }

    [Fact]
    public async Task Test_only_scores_the_original()
    {
        var result = await ComparisonRunner.RunAsync(TinySetup([]), null, TestContext.Current.CancellationToken);
        Assert.Empty(result.Methods);
        Assert.Equal(1.0, result.Original.TestAccuracy);
    }

    [Fact]
    public async Task Last_layer_repairs_ten_misclassified_fashion_mnist_points()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = await OnnxModelLoader.LoadAsync(TestData.FashionMnistModel, ct);
        var test = (await DatasetLoader.LoadAsync(TestData.FashionMnistTest1000, cancellationToken: ct)).Data;
        var train = (await DatasetLoader.LoadAsync(TestData.FashionMnistTrain2000, cancellationToken: ct)).Data;
        var edits = await EditSetBuilder.BuildAsync(EditSetSpec.Parse("misclassified:12"), model, test.Take(200), null, 1, ct);
        var split = EditSetBuilder.Split(edits, 2 / 12.0, 1);
        var rest = test.Subset(Enumerable.Range(200, 800));
        var setup = new ComparisonSetup(model, "fmnist_mlp_50x2.onnx", split, rest, train, ["last-layer"],
            new ComparisonOptions(TimeSpan.FromSeconds(60), PreservePoints: 1000));
        var result = await ComparisonRunner.RunAsync(setup, null, ct);

        Assert.Equal((10, 2, 800), (result.RepairItems, result.HeldOutItems, result.TestRows));
        Assert.Equal(0, result.Original.Efficacy);
        var row = Assert.Single(result.Methods);
        Assert.True(row.Status == RepairStatus.Repaired, row.Detail);
        Assert.Equal(1.0, row.Scores!.Efficacy);
        Assert.InRange(row.Scores.Drawdown, -0.05, 0.05);
        Assert.Equal(800, row.Scores.Confusion.Total);
        Assert.True(row.Change!.ParametersTouched > 0);
    }

    /// <summary>Collects reports synchronously (Progress&lt;T&gt; would post them later).</summary>
    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines) lines.Add(value);
        }
    }
}
