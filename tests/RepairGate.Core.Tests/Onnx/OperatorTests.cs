using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using static RepairGate.Core.Tests.Onnx.OnnxModelBuilder;

namespace RepairGate.Core.Tests.Onnx;


/// <summary>Every supported operator, imported and evaluated, agrees with OnnxRuntime on the same model.</summary>
public class OperatorTests
{
    private static Network CheckAgainstOracle(byte[] model, string name)
    {
        var network = OnnxModelLoader.FromBytes(model, name);
        using var oracle = OnnxRuntimeOracle.Create(model, network.Io);
        Assert.InRange(OracleComparison.MaxDifference(network, oracle, samples: 50, seed: 11, low: -2, high: 2), 0, 1e-5);
        Assert.Equal(model, OnnxModelWriter.ToBytes(network));
        return network;
    }

    [Fact]
    public void Gemm_with_transB_alpha_beta_and_bias_folds_to_one_affine_layer()
    {
        var b = new OnnxModelBuilder("x", [-1, 4]);
        b.Node("Gemm", ["$", b.Initializer([3, 4]), b.Initializer([3])], Int("transB", 1), Float("alpha", 0.5f), Float("beta", 2f));
        b.Node("Relu", ["$"]);
        b.Node("Gemm", ["$", b.Initializer([3, 2]), b.Initializer([1, 2])]);
        var network = CheckAgainstOracle(b.Build([-1, 2]), "gemm.onnx");
        Assert.Collection(network.Layers, l => Assert.IsType<AffineLayer>(l), l => Assert.IsType<ReluLayer>(l), l => Assert.IsType<AffineLayer>(l));
        Assert.Equal(0.5, ((AffineLayer)network.Layers[0]).WeightSource!.Scale);
    }

    [Fact]
    public void MatMul_data_first_with_Add_bias_folds_the_bias()
    {
        var b = new OnnxModelBuilder("x", [1, 1, 1, 5]);
        b.Node("Sub", ["$", b.Initializer([5])]);
        b.Node("Flatten", ["$"]);
        b.Node("MatMul", ["$", b.Initializer([5, 7])]);
        b.Node("Add", ["$", b.Initializer([7])]);
        b.Node("Relu", ["$"]);
        b.Node("MatMul", ["$", b.Initializer([7, 3])]);
        b.Node("Sub", ["$", b.Initializer([3])]);
        var network = CheckAgainstOracle(b.Build([1, 3]), "matmul.onnx");
        Assert.Equal(4, network.Layers.Count);
        var last = (AffineLayer)network.Layers[^1];
        Assert.True(last.WeightSource!.Transposed);
        Assert.Equal(-1.0, last.BiasSource!.Scale);
    }

    [Fact]
    public void MatMul_weight_first_with_a_1d_input()
    {
        var b = new OnnxModelBuilder("x", [3]);
        b.Node("MatMul", [b.Initializer([4, 3]), "$"]);
        b.Node("Add", [b.Initializer([4]), "$"]);
        b.Node("Relu", ["$"]);
        b.Node("MatMul", [b.Initializer([2, 4]), "$"]);
        var network = CheckAgainstOracle(b.Build([2]), "weight-first.onnx");
        Assert.False(((AffineLayer)network.Layers[0]).WeightSource!.Transposed);
    }

    [Fact]
    public void Elementwise_constants_broadcast_and_both_operand_orders()
    {
        var b = new OnnxModelBuilder("x", [1, 6]);
        b.Node("Mul", ["$", b.Initializer([1])]);
        b.Node("Div", ["$", b.Initializer([6], [1, 2, 4, -1, 0.5f, 3])]);
        b.Node("Sub", [b.Initializer([1, 6]), "$"]);
        b.Node("Add", ["$", b.Initializer([1])]);
        var network = CheckAgainstOracle(b.Build([1, 6]), "elementwise.onnx");
        Assert.All(network.Layers, l => Assert.IsType<ElementwiseAffineLayer>(l));
    }

    [Fact]
    public void Shape_operators_change_no_values()
    {
        var b = new OnnxModelBuilder("x", [1, 2, 3]);
        b.Node("Identity", ["$"]);
        b.Node("Reshape", ["$", b.Int64Initializer(0, -1)]);
        b.Node("Unsqueeze", ["$", b.Int64Initializer(1)]);
        b.Node("Squeeze", ["$", b.Int64Initializer(1)]);
        b.Node("MatMul", ["$", b.Initializer([6, 2])]);
        CheckAgainstOracle(b.Build([1, 2]), "shapes.onnx");
    }

    [Fact]
    public void Conv_with_padding_strides_and_groups_then_pooling()
    {
        var b = new OnnxModelBuilder("x", [1, 2, 7, 7]);
        b.Node("Conv", ["$", b.Initializer([4, 2, 3, 3]), b.Initializer([4])], Ints("pads", 1, 1, 1, 1), Ints("strides", 1, 1));
        b.Node("Relu", ["$"]);
        b.Node("Conv", ["$", b.Initializer([4, 2, 2, 2])], Int("group", 2), Ints("strides", 2, 1), Ints("dilations", 1, 2));
        b.Node("MaxPool", ["$"], Ints("kernel_shape", 2, 2), Ints("strides", 1, 1), Ints("pads", 0, 0, 1, 1));
        b.Node("AveragePool", ["$"], Ints("kernel_shape", 2, 2), Ints("pads", 1, 1, 0, 0));
        b.Node("Flatten", ["$"]);
        var network = OnnxModelLoader.FromBytes(b.Build([-1, -1]), "conv.onnx");
        var size = network.OutputSize;
        b.Node("Gemm", ["$", b.Initializer([size, 3]), b.Initializer([3])]);
        network = CheckAgainstOracle(b.Build([1, 3]), "conv.onnx");
        Assert.IsType<Conv2dLayer>(network.Layers[0]);
        Assert.Equal([4, 7, 7], network.Layers[0].OutputShape);
    }

    [Fact]
    public void Conv_with_same_upper_padding()
    {
        var b = new OnnxModelBuilder("x", [1, 1, 5, 5]);
        var auto = new Core.Onnx.Proto.AttributeProto { Name = "auto_pad", Type = Core.Onnx.Proto.AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("SAME_UPPER") };
        b.Node("Conv", ["$", b.Initializer([2, 1, 2, 2])], auto, Ints("strides", 2, 2));
        b.Node("Flatten", ["$"]);
        var network = CheckAgainstOracle(b.Build([1, 18]), "same.onnx");
        Assert.Equal([2, 3, 3], network.Layers[0].OutputShape);
    }
}
