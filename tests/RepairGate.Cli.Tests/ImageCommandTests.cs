using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;

namespace RepairGate.Cli.Tests;

/// <summary>The train and robustness-spec commands on the committed Fashion-MNIST subset.</summary>
public class ImageCommandTests
{
    /// <summary>A data folder laid out like the Debian package, using the 100 committed images as both splits.</summary>
    private static string DataFolder()
    {
        var folder = TestData.TempFolder();
        foreach (var split in new[] { "train", "t10k" })
        {
            File.Copy(TestData.FashionMnistImages, Path.Combine(folder, $"{split}-images-idx3-ubyte.gz"));
            File.Copy(TestData.FashionMnistLabels, Path.Combine(folder, $"{split}-labels-idx1-ubyte.gz"));
        }
        return folder;
    }

    [Fact]
    public async Task Train_writes_an_onnx_classifier_and_reports_test_accuracy()
    {
        var folder = DataFolder();
        var model = Path.Combine(folder, "tiny.onnx");
        var run = await CliRun.InProcessAsync("train", "--data", folder, "--hidden", "8", "--epochs", "2", "--out", model);
        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.StartsWith("test accuracy ", run.FirstLine);
        Assert.Contains("epoch 2/2", run.Error);
        var network = OnnxModelLoader.Load(model);
        Assert.Equal(784, network.InputSize);
        Assert.Equal(10, network.OutputSize);
    }

    [Fact]
    public async Task Train_writes_a_small_cnn_that_onnx_runtime_agrees_with()
    {
        var folder = DataFolder();
        var model = Path.Combine(folder, "cnn.onnx");
        var run = await CliRun.InProcessAsync("train", "--data", folder, "--arch", "cnn", "--channels", "2,4", "--hidden", "8", "--epochs", "1", "--out", model);
        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.Contains("conv2-conv4-8-10", run.Output);
        var network = OnnxModelLoader.Load(model);
        Assert.Contains(network.Layers, l => l is RepairGate.Core.Model.Conv2dLayer);
        Assert.Equal(784, network.InputSize);
        using var oracle = OnnxRuntimeOracle.For(network);
        var x = RepairGate.Core.Data.IdxFile.Load(TestData.FashionMnistImages).Scaled(7);
        var expected = network.Evaluate(x);
        var actual = oracle.Run(x.Select(v => (float)v).ToArray());
        for (var j = 0; j < 10; j++) Assert.Equal(expected[j], actual[j], 1e-4);
    }

    [Theory]
    [InlineData("--hidden", "8,x", "--hidden: 'x' is not a positive layer width")]
    [InlineData("--arch", "rnn", "--arch: 'rnn' is not mlp or cnn")]
    [InlineData("--channels", "4,0", "--channels: '0' is not a positive layer width")]
    [InlineData("--epochs", "0", "--epochs must be positive")]
    public async Task Train_rejects_bad_options(string option, string value, string message)
    {
        var folder = DataFolder();
        var run = await CliRun.InProcessAsync("train", "--data", folder, option, value, "--out", Path.Combine(folder, "m.onnx"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public async Task Train_names_a_corrupt_idx_file()
    {
        var folder = DataFolder();
        File.WriteAllBytes(Path.Combine(folder, "train-labels-idx1-ubyte.gz"), [0, 0, 8, 1, 0, 0, 0, 9]);
        var run = await CliRun.InProcessAsync("train", "--data", folder, "--out", Path.Combine(folder, "m.onnx"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("train-labels-idx1-ubyte.gz: the IDX shape [9] needs 9 data bytes but the file has 0", run.Error);
    }

    [Fact]
    public async Task Robustness_spec_writes_one_property_per_image_and_radius()
    {
        var folder = TestData.TempFolder();
        var run = await CliRun.InProcessAsync("robustness-spec", "--images", TestData.FashionMnistImages, "--labels", TestData.FashionMnistLabels,
            "--index", "1,2", "--eps", "0.01,0.05", "--out", folder);
        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        Assert.Equal(4, Directory.GetFiles(folder, "*.vnnlib").Length);
        var property = VnnLibParser.Load(Path.Combine(folder, "img2_eps0.05.vnnlib"));
        Assert.Equal(784, property.InputCount);
        Assert.Equal(9, property.Cases[0].UnsafeOutputs.Count);
        // The committed property was made by the same command.
        Assert.Equal(File.ReadAllText(TestData.FashionMnist("vnnlib/img2_eps0.05.vnnlib")), File.ReadAllText(Path.Combine(folder, "img2_eps0.05.vnnlib")));
    }

    [Fact]
    public async Task Robustness_spec_rejects_an_index_outside_the_file()
    {
        var run = await CliRun.InProcessAsync("robustness-spec", "--images", TestData.FashionMnistImages, "--labels", TestData.FashionMnistLabels,
            "--index", "100", "--out", TestData.TempFolder());
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--index 100 is outside the 100 images", run.Error);
    }
}
