using RepairGate.Core.Onnx;

namespace RepairGate.Core.Tests.Onnx;

public class BadOnnxTests
{
    [Fact]
    public void Missing_file_names_the_file()
    {
        var error = Assert.Throws<BadInputException>(() => OnnxModelLoader.Load("no/such/model.onnx"));
        Assert.Equal("no/such/model.onnx: file not found", error.Message);
    }

    [Fact]
    public void Truncated_model_is_reported_as_such()
    {
        var bytes = File.ReadAllBytes(TestData.AcasNetwork(1, 1));
        var error = Assert.Throws<BadInputException>(() => OnnxModelLoader.FromBytes(bytes[..(bytes.Length / 2)], "half.onnx"));
        Assert.StartsWith("half.onnx: not a valid ONNX model", error.Message);
    }

    [Fact]
    public void Empty_and_non_protobuf_files_are_rejected()
    {
        Assert.Equal("empty.onnx: the file is empty, not an ONNX model",
            Assert.Throws<BadInputException>(() => OnnxModelLoader.FromBytes([], "empty.onnx")).Message);
        var text = "(declare-const X_0 Real)"u8.ToArray();
        Assert.StartsWith("text.onnx: not a valid ONNX model",
            Assert.Throws<BadInputException>(() => OnnxModelLoader.FromBytes(text, "text.onnx")).Message);
    }

    [Fact]
    public void Unsupported_operator_names_node_op_and_file()
    {
        var b = new OnnxModelBuilder("x", [1, 3]);
        b.Node("MatMul", ["$", b.Initializer([3, 3])]);
        b.Node("Tanh", ["$"]);
        var error = Assert.Throws<BadInputException>(() => OnnxModelLoader.FromBytes(b.Build([1, 3]), "tanh.onnx"));
        Assert.Equal("tanh.onnx: unsupported operator 'Tanh' in node 'Tanh_3'", error.Message);
    }

    [Fact]
    public void Branching_graphs_are_rejected_with_the_node_named()
    {
        var b = new OnnxModelBuilder("x", [1, 3]);
        b.Node("Relu", ["$"]);
        b.Node("Add", ["$", "x"]);
        var error = Assert.Throws<BadInputException>(() => OnnxModelLoader.FromBytes(b.Build([1, 3]), "residual.onnx"));
        Assert.StartsWith("residual.onnx: node 'Add_2' (Add): it reads 't0', 'x' but only a single chain", error.Message);
    }

    [Fact]
    public void Dimension_mismatch_inside_the_model_is_reported()
    {
        var b = new OnnxModelBuilder("x", [1, 3]);
        b.Node("MatMul", ["$", b.Initializer([4, 2])]);
        var error = Assert.Throws<BadInputException>(() => OnnxModelLoader.FromBytes(b.Build([1, 2]), "mismatch.onnx"));
        Assert.Contains("data of shape [1,3] cannot multiply a [4,2] matrix", error.Message);
    }
}
