using RepairGate.Core.Onnx;
using RepairGate.Core.Torch;
using RepairGate.Core.Tests.Onnx;
using static RepairGate.Core.Tests.Onnx.OnnxModelBuilder;
using static TorchSharp.torch;

namespace RepairGate.Core.Tests.Torch;

/// <summary>The TorchSharp translation computes the same function as the IR evaluator (TorchSharp loads on this OS).</summary>
public class TorchNetworkTests
{
    private static void AssertSameFunction(Model.Network network, int seed)
    {
        using var model = new TorchNetwork(network);
        var random = new Random(seed);
        var batch = Enumerable.Range(0, 8 * network.InputSize).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        using var input = tensor(batch, [8, network.InputSize], float64);
        using var output = model.Forward(input);
        var values = output.data<double>().ToArray();
        for (var b = 0; b < 8; b++)
        {
            var expected = network.Evaluate(batch.AsSpan(b * network.InputSize, network.InputSize));
            for (var o = 0; o < expected.Length; o++) Assert.Equal(expected[o], values[b * expected.Length + o], 1e-9);
        }
    }

    [Fact]
    public void Acas_network_matches_the_evaluator() => AssertSameFunction(OnnxModelLoader.Load(TestData.AcasNetwork(3, 7)), 1);

    [Fact]
    public void Convolution_and_pooling_match_the_evaluator()
    {
        var b = new OnnxModelBuilder("x", [1, 2, 6, 6]);
        b.Node("Conv", ["$", b.Initializer([3, 2, 3, 3]), b.Initializer([3])], Ints("pads", 1, 0, 0, 1), Ints("strides", 1, 2));
        b.Node("Relu", ["$"]);
        b.Node("MaxPool", ["$"], Ints("kernel_shape", 2, 2), Ints("pads", 0, 1, 1, 0));
        b.Node("AveragePool", ["$"], Ints("kernel_shape", 2, 1), Ints("pads", 1, 0, 1, 0));
        b.Node("Flatten", ["$"]);
        AssertSameFunction(OnnxModelLoader.FromBytes(b.Build([-1, -1]), "conv.onnx"), 2);
    }
}
