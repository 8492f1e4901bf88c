using RepairGate.Core.Data;
using RepairGate.Core.Onnx;
using RepairGate.Core.Torch;

namespace RepairGate.Core.Tests.Torch;

public class ClassifierTrainerTests
{
    private static LabelledImages Subset() => new(IdxFile.Load(TestData.FashionMnistImages), IdxFile.Load(TestData.FashionMnistLabels));

    [Fact]
    public void Training_is_seeded_learns_the_training_set_and_exports_to_onnx()
    {
        var data = Subset();
        var options = new TrainingOptions { Hidden = [16], Epochs = 25, BatchSize = 20, LearningRate = 3e-3, Seed = 7 };
        var first = ClassifierTrainer.Train(data, 10, options, "tiny.onnx", cancellationToken: TestContext.Current.CancellationToken);
        var second = ClassifierTrainer.Train(data, 10, options, "tiny.onnx", cancellationToken: TestContext.Current.CancellationToken);
        var firstWeights = ((Model.AffineLayer)first.Layers[0]).Weights;
        Assert.Equal(firstWeights, ((Model.AffineLayer)second.Layers[0]).Weights);
        Assert.True(ClassifierTrainer.Accuracy(first, data) > 0.8, "a 784-16-10 MLP should fit 100 images");

        // The exported ONNX computes the same function in OnnxRuntime.
        var folder = TestData.TempFolder();
        var path = System.IO.Path.Combine(folder, "tiny.onnx");
        File.WriteAllBytes(path, OnnxNetworkExporter.ToBytes(first));
        var loaded = OnnxModelLoader.Load(path);
        using var oracle = OnnxRuntimeOracle.For(loaded);
        var x = data.Images.Scaled(3);
        var expected = first.Evaluate(x);
        var actual = oracle.Run(x.Select(v => (float)v).ToArray());
        for (var j = 0; j < 10; j++) Assert.Equal(expected[j], actual[j], 1e-4);
    }

    [Fact]
    public void A_small_cnn_trains_deterministically_and_exports_to_onnx()
    {
        var data = Subset();
        var options = new TrainingOptions { Architecture = ClassifierArchitecture.Cnn, Channels = [4, 8], Hidden = [16], Epochs = 3, BatchSize = 20, LearningRate = 3e-3, Seed = 7 };
        var first = ClassifierTrainer.Train(data, 10, options, "cnn.onnx", cancellationToken: TestContext.Current.CancellationToken);
        var second = ClassifierTrainer.Train(data, 10, options, "cnn.onnx", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(((Model.Conv2dLayer)first.Layers[0]).Weights, ((Model.Conv2dLayer)second.Layers[0]).Weights);
        // 28x28 → 13x13 → 6x6 after two 3x3 stride-2 convolutions.
        Assert.Equal([8, 6, 6], first.Layers[2].OutputShape);
        Assert.Equal("conv4-conv8-16-10", ClassifierTrainer.Describe(options, 784, 10));

        var folder = TestData.TempFolder();
        var path = System.IO.Path.Combine(folder, "cnn.onnx");
        File.WriteAllBytes(path, OnnxNetworkExporter.ToBytes(first));
        var loaded = OnnxModelLoader.Load(path);
        using var oracle = OnnxRuntimeOracle.For(loaded);
        for (var i = 0; i < 5; i++)
        {
            var x = data.Images.Scaled(i);
            var expected = first.Evaluate(x);
            var mine = loaded.Evaluate(x);
            var actual = oracle.Run(x.Select(v => (float)v).ToArray());
            for (var j = 0; j < 10; j++)
            {
                Assert.Equal(expected[j], mine[j], 1e-5);
                Assert.Equal(expected[j], actual[j], 1e-4);
            }
        }
    }
}
