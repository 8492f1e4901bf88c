using RepairGate.Core.Data;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using RepairGate.Core.Repair;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Tests.Repair;

/// <summary>Convolutional networks through the verifier and the LP engines (convolutions before the repaired layer).</summary>
public class ConvRepairTests
{
    /// <summary>
    /// [1,6,6] → Conv 3@3x3 → ReLU → Conv 4@2x2 stride 2 → ReLU → Dense 16→8 → ReLU → Dense 8→3, seeded weights.
    /// </summary>
    private static Network TinyConv()
    {
        var random = new Random(5);
        double[] Weights(int count, double scale) => Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();
        var conv1 = new Conv2dLayer(Weights(3 * 9, 0.6), Weights(3, 0.1), [1, 6, 6], new Window2d(3, 3, [1, 1], [0, 0, 0, 0], [1, 1]), 1, "conv1");
        var conv2 = new Conv2dLayer(Weights(4 * 3 * 4, 0.6), Weights(4, 0.1), [3, 4, 4], new Window2d(2, 2, [2, 2], [0, 0, 0, 0], [1, 1]), 1, "conv2");
        Layer[] layers =
        [
            conv1, new ReluLayer(conv1.OutputShape, "relu1"), conv2, new ReluLayer(conv2.OutputShape, "relu2"),
            new AffineLayer(Weights(8 * 16, 0.5), Weights(8, 0.1), [16], [8], "dense1"), new ReluLayer([8], "relu3"),
            new AffineLayer(Weights(3 * 8, 0.5), Weights(3, 0.1), [8], [3], "dense2"),
        ];
        return new Network(layers, new NetworkIo("X", [1, 1, 6, 6], "Y", [1, 3]), "tiny-conv.onnx");
    }

    private static double[] Centre => Enumerable.Range(0, 36).Select(i => 0.5 + 0.4 * Math.Sin(i)).ToArray();

    private static int ArgMax(double[] y) => Array.IndexOf(y, y.Max());

    /// <summary>"Class <paramref name="label"/> wins on the L∞ ball of radius eps around the centre."</summary>
    private static VnnProperty Robust(int label, double eps, string name)
    {
        var box = new InputBox(Centre.Select(v => v - eps).ToArray(), Centre.Select(v => v + eps).ToArray());
        var unsafeSets = Enumerable.Range(0, 3).Where(j => j != label).Select(j =>
        {
            var c = new double[3];
            c[label] = 1;
            c[j] = -1;
            return new OutputPolytope([new LinearConstraint(c, 0)]);
        }).ToArray();
        return new VnnProperty(name, 36, 3, [new PropertyCase(box, unsafeSets)]);
    }

    private static VerificationResult Verify(Network network, VnnProperty property)
    {
        using var oracle = OnnxRuntimeOracle.For(network);
        var options = new VerificationOptions { Timeout = TimeSpan.FromSeconds(30) };
        return Verifier.CreateDefault(options).Verify(network, property, oracle, options, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void The_verifier_proves_and_falsifies_on_a_conv_net()
    {
        var network = TinyConv();
        var label = ArgMax(network.Evaluate(Centre));

        var holds = Verify(network, Robust(label, 0.001, "tight"));
        Assert.Equal(Verdict.Unsat, holds.Verdict);

        var other = (label + 1) % 3;
        var violated = Verify(network, Robust(other, 0.001, "wrong class"));
        Assert.Equal(Verdict.Sat, violated.Verdict);
        Assert.NotNull(violated.Counterexample);
    }

    [Theory]
    [InlineData("last-layer")]
    [InlineData("pattern-lp")]
    public async Task Repair_through_convolutions_ends_proven(string engine)
    {
        var network = TinyConv();
        var y = network.Evaluate(Centre);
        var second = Enumerable.Range(0, 3).OrderByDescending(j => y[j]).ElementAt(1);
        var property = Robust(second, 0.002, "second class");
        var options = new RepairOptions
        {
            Engine = engine,
            Margin = 0.01,
            PreservePoints = 50,
            TestPoints = 200,
            Budget = TimeSpan.FromSeconds(120),
            VerifyTimeout = TimeSpan.FromSeconds(30),
        };
        var run = await new RepairLoop(EngineCatalog.Default).RunAsync(network, [property], [], options, TestContext.Current.CancellationToken);

        Assert.True(run.Outcome == RepairOutcome.Proven, run.Detail);
        Assert.Equal(second, ArgMax(run.Patched!.Evaluate(Centre)));
        // Only dense layers changed; the convolutions are untouched.
        Assert.Same(network.Layers[0], run.Patched.Layers[0]);
        Assert.Same(network.Layers[2], run.Patched.Layers[2]);
    }

    // Last layer only: the pattern LP's layer here is the 576→100 dense layer (57,700 parameters), a minute of GLOP even
    // for two edits (the tiny conv net above covers the pattern LP through convolutions).
    [Fact]
    public async Task Misclassified_images_of_the_shipped_cnn_are_repaired_in_the_last_layer()
    {
        var network = OnnxModelLoader.Load(TestData.FashionMnist("fmnist_cnn.onnx"));
        var images = IdxFile.Load(TestData.FashionMnistImages);
        var labels = IdxFile.Load(TestData.FashionMnistLabels);
        var rows = Enumerable.Range(0, images.Count).Where(i => ArgMax(network.Evaluate(images.Scaled(i))) != labels.Values[i]).Take(5).ToArray();
        Assert.NotEmpty(rows);
        var edits = rows.Select(i => new RepairPoint(images.Scaled(i), Enumerable.Range(0, 10).Where(j => j != labels.Values[i]).Select(j =>
        {
            var c = new double[10];
            c[labels.Values[i]] = 1;
            c[j] = -1;
            return new OutputPolytope([new LinearConstraint(c, 0)]);
        }).ToArray(), $"test row {i}")).ToArray();
        var preserve = Enumerable.Range(0, images.Count).Where(i => !rows.Contains(i)).Select(images.Scaled).ToArray();
        var predicted = preserve.Select(x => ArgMax(network.Evaluate(x))).ToArray();
        var entry = EngineCatalog.Default.Find(LastLayerLpEngine.EngineName)!;
        var problem = new RepairProblem(network, edits, preserve, entry.Layers(network, null)!, PreserveLabels: predicted);

        var attempt = await entry.Create().RepairAsync(problem, TestContext.Current.CancellationToken);

        Assert.True(attempt.Status == RepairStatus.Repaired, attempt.Detail);
        using var oracle = OnnxRuntimeOracle.For(attempt.Repaired!);
        foreach (var i in rows)
        {
            var y = oracle.Run(images.Scaled(i).Select(v => (float)v).ToArray());
            Assert.Equal(labels.Values[i], Array.IndexOf(y, y.Max()));
        }
    }
}
