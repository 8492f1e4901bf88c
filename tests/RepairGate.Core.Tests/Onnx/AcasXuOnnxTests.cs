using RepairGate.Core.Model;
using RepairGate.Core.Onnx;

namespace RepairGate.Core.Tests.Onnx;

public class AcasXuOnnxTests
{
    public static TheoryData<string> Networks() => new(TestData.AllAcasNetworks().Select(System.IO.Path.GetFileName)!);

    [Fact]
    public void All_45_networks_are_shipped() => Assert.Equal(45, TestData.AllAcasNetworks().Count());

    [Theory, MemberData(nameof(Networks))]
    public void Evaluation_matches_OnnxRuntime(string file)
    {
        var network = OnnxModelLoader.Load(TestData.Path("acasxu", "onnx", file));
        Assert.Equal(5, network.InputSize);
        Assert.Equal(5, network.OutputSize);
        Assert.Equal(7, network.Layers.OfType<AffineLayer>().Count());
        Assert.Equal(6, network.Layers.OfType<ReluLayer>().Count());
        using var oracle = OnnxRuntimeOracle.Create(File.ReadAllBytes(network.SourcePath), network.Io);
        Assert.InRange(OracleComparison.MaxDifference(network, oracle, samples: 200, seed: 7, low: -0.5, high: 0.5), 0, 1e-5);
    }

    [Theory, MemberData(nameof(Networks))]
    public void Unchanged_export_is_byte_identical(string file)
    {
        var path = TestData.Path("acasxu", "onnx", file);
        var network = OnnxModelLoader.Load(path);
        Assert.Equal(File.ReadAllBytes(path), OnnxModelWriter.ToBytes(network));
        Assert.Empty(OnnxModelWriter.ChangedInitializers(network));
    }

    [Fact]
    public void Edited_export_runs_in_OnnxRuntime_with_the_new_weights()
    {
        var network = OnnxModelLoader.Load(TestData.AcasNetwork(2, 9));
        var lastIndex = network.Layers.Count - 1;
        var last = (AffineLayer)network.Layers[lastIndex];
        var weights = last.Weights.ToArray();
        weights[3] += 0.25;
        var bias = last.Bias.ToArray();
        bias[1] -= 0.5;
        var edited = network.WithLayer(lastIndex, last.With(weights, bias));

        var changed = OnnxModelWriter.ChangedInitializers(edited);
        Assert.Equal([last.WeightSource!.InitializerName, last.BiasSource!.InitializerName], changed);

        using var oracle = OnnxRuntimeOracle.For(edited);
        Assert.True(OracleComparison.MaxDifference(edited, oracle, samples: 100, seed: 3, low: -0.5, high: 0.5) <= 1e-5);
        // The exported model, loaded again, is the edited network.
        var reloaded = OnnxModelLoader.FromBytes(OnnxModelWriter.ToBytes(edited), "edited.onnx");
        Assert.Equal(((AffineLayer)reloaded.Layers[lastIndex]).Bias.Select(v => (float)v), bias.Select(v => (float)v));
    }

    [Fact]
    public void Save_never_overwrites_the_input_model_and_writes_atomically()
    {
        var folder = TestData.TempFolder();
        var input = System.IO.Path.Combine(folder, "model.onnx");
        File.Copy(TestData.AcasNetwork(1, 1), input);
        var network = OnnxModelLoader.Load(input);

        var error = Assert.Throws<BadInputException>(() => OnnxModelWriter.Save(network, input));
        Assert.Contains("refusing to overwrite the input model", error.Message);
        Assert.Equal(File.ReadAllBytes(TestData.AcasNetwork(1, 1)), File.ReadAllBytes(input));

        var output = System.IO.Path.Combine(folder, "out", "patched.onnx");
        OnnxModelWriter.Save(network, output);
        Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(output));
        Assert.Equal(["patched.onnx"], Directory.GetFiles(System.IO.Path.GetDirectoryName(output)!).Select(System.IO.Path.GetFileName));
    }
}
