using RepairGate.Core.NNet;
using RepairGate.Core.Onnx;
using static RepairGate.Core.Tests.Onnx.OnnxModelBuilder;

namespace RepairGate.Core.Tests.Onnx;

/// <summary>Networks not loaded from ONNX get an equivalent ONNX graph, so OnnxRuntime can judge them too.</summary>
public class OnnxNetworkExporterTests
{
    private static void AssertEquivalentInOnnxRuntime(Model.Network network)
    {
        using var oracle = OnnxRuntimeOracle.Create(OnnxNetworkExporter.ToBytes(network), OnnxNetworkExporter.IoOf(network));
        Assert.InRange(OracleComparison.MaxDifference(network, oracle, samples: 50, seed: 9, low: -1, high: 1), 0, 1e-5);
    }

    [Fact]
    public void NNet_network_with_normalisation_runs_in_OnnxRuntime()
    {
        var network = NNetReader.Parse(string.Join("\n", NNet.NNetTestData.TinyLines), "tiny.nnet");
        AssertEquivalentInOnnxRuntime(network);
    }

    [Fact]
    public void Acas_network_written_to_NNet_and_back_runs_in_OnnxRuntime()
    {
        var acas = OnnxModelLoader.Load(TestData.AcasNetwork(4, 5));
        var text = new StringWriter();
        NNetWriter.Write(acas, text);
        AssertEquivalentInOnnxRuntime(NNetReader.Parse(text.ToString(), "acas_4_5.nnet"));
    }

    [Fact]
    public void Convolutional_network_runs_in_OnnxRuntime()
    {
        var b = new OnnxModelBuilder("x", [1, 1, 5, 5]);
        b.Node("Conv", ["$", b.Initializer([2, 1, 3, 3]), b.Initializer([2])], Ints("pads", 1, 1, 1, 1));
        b.Node("Relu", ["$"]);
        b.Node("AveragePool", ["$"], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        b.Node("Flatten", ["$"]);
        b.Node("Gemm", ["$", b.Initializer([8, 3])]);
        AssertEquivalentInOnnxRuntime(OnnxModelLoader.FromBytes(b.Build([1, 3]), "cnn.onnx"));
    }
}
