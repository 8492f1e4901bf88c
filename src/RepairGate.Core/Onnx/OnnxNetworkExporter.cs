using Google.Protobuf;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx.Proto;

namespace RepairGate.Core.Onnx;

/// <summary>
/// Builds a fresh ONNX model (opset 13, float32) computing a network that did not come from ONNX, e.g. an NNet
/// file: so OnnxRuntime can act as the oracle for it, and so users can convert it.
/// Models loaded from ONNX are written with <see cref="OnnxModelWriter"/> instead, which preserves the original.
/// </summary>
public static class OnnxNetworkExporter
{
    private const string InputName = "X";
    private const string OutputName = "Y";

    /// <summary>The input/output names and shapes of the model <see cref="ToBytes"/> builds.</summary>
    public static NetworkIo IoOf(Network network) =>
        new(InputName, [1, .. network.Layers[0].InputShape], OutputName, [1, network.OutputSize]);

    public static byte[] ToBytes(Network network)
    {
        var graph = new GraphProto { Name = Path.GetFileNameWithoutExtension(network.SourcePath) };
        var io = IoOf(network);
        graph.Input.Add(Value(InputName, io.InputShape));
        var builder = new Builder(graph, [.. io.InputShape]);
        foreach (var layer in network.Layers) builder.Add(layer);
        builder.Finish(OutputName, io.OutputShape);
        graph.Output.Add(Value(OutputName, io.OutputShape));

        var model = new ModelProto { IrVersion = 8, ProducerName = "RepairGate", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    private sealed class Builder(GraphProto graph, int[] shape)
    {
        private string _current = InputName;
        private int[] _shape = shape;
        private int _counter;

        public void Add(Layer layer)
        {
            switch (layer)
            {
                case AffineLayer affine:
                    EnsureShape([1, affine.InputSize]);
                    Node("Gemm", [_current, Constant(affine.Weights, affine.OutputSize, affine.InputSize), Constant(affine.Bias, affine.OutputSize)], Int("transB", 1));
                    _shape = [1, affine.OutputSize];
                    break;
                case ElementwiseAffineLayer elementwise:
                    EnsureShape([1, .. elementwise.InputShape]);
                    int[] dims = [.. elementwise.InputShape];
                    if (elementwise.Scale.Any(s => s != 1)) Node("Mul", [_current, Constant(elementwise.Scale, dims)]);
                    if (elementwise.Shift.Any(s => s != 0)) Node("Add", [_current, Constant(elementwise.Shift, dims)]);
                    break;
                case ReluLayer:
                    Node("Relu", [_current]);
                    break;
                case Conv2dLayer conv:
                    EnsureShape([1, .. conv.InputShape]);
                    Node("Conv", [_current, Constant(conv.Weights, conv.OutputShape[0], conv.InputShape[0] / conv.Group, conv.Window.KernelHeight, conv.Window.KernelWidth), Constant(conv.Bias, conv.OutputShape[0])],
                        [Int("group", conv.Group), .. WindowAttributes(conv.Window, includeKernel: false)]);
                    _shape = [1, .. conv.OutputShape];
                    break;
                case Pool2dLayer pool:
                    EnsureShape([1, .. pool.InputShape]);
                    AttributeProto[] attributes = pool.Pool == PoolKind.Average
                        ? [.. WindowAttributes(pool.Window, includeKernel: true), Int("count_include_pad", pool.CountIncludePad ? 1 : 0)]
                        : WindowAttributes(pool.Window, includeKernel: true);
                    Node(pool.Pool == PoolKind.Max ? "MaxPool" : "AveragePool", [_current], attributes);
                    _shape = [1, .. pool.OutputShape];
                    break;
                default:
                    throw new NotSupportedException($"{layer.Kind} cannot be written as ONNX");
            }
        }

        public void Finish(string outputName, int[] outputShape)
        {
            EnsureShape(outputShape);
            Node("Identity", [_current]);
            graph.Node[^1].Output[0] = outputName;
        }

        private void EnsureShape(int[] wanted)
        {
            if (wanted.SequenceEqual(_shape)) return;
            Node("Reshape", [_current, Int64Constant(wanted.Select(d => (long)d).ToArray())]);
            _shape = wanted;
        }

        private void Node(string opType, string[] inputs, params AttributeProto[] attributes)
        {
            var node = new NodeProto { OpType = opType, Name = $"{opType}_{_counter}" };
            node.Input.AddRange(inputs);
            node.Output.Add($"t{_counter++}");
            node.Attribute.AddRange(attributes);
            graph.Node.Add(node);
            _current = node.Output[0];
        }

        private string Constant(double[] values, params int[] dims)
        {
            var tensor = new TensorProto { Name = $"c{_counter++}", DataType = (int)TensorProto.Types.DataType.Float };
            tensor.Dims.AddRange(dims.Select(d => (long)d));
            var bytes = new byte[values.Length * 4];
            for (var i = 0; i < values.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), (float)values[i]);
            tensor.RawData = ByteString.CopyFrom(bytes);
            graph.Initializer.Add(tensor);
            return tensor.Name;
        }

        private string Int64Constant(long[] values)
        {
            var tensor = new TensorProto { Name = $"c{_counter++}", DataType = (int)TensorProto.Types.DataType.Int64 };
            tensor.Dims.Add(values.Length);
            tensor.Int64Data.AddRange(values);
            graph.Initializer.Add(tensor);
            return tensor.Name;
        }

        private static AttributeProto[] WindowAttributes(Window2d window, bool includeKernel)
        {
            var list = new List<AttributeProto> { Ints("strides", window.Strides), Ints("pads", window.Pads) };
            // AveragePool has no dilations attribute before opset 19: write it only when it matters.
            if (window.Dilations.Any(d => d != 1)) list.Add(Ints("dilations", window.Dilations));
            if (includeKernel) list.Insert(0, Ints("kernel_shape", [window.KernelHeight, window.KernelWidth]));
            return [.. list];
        }

        private static AttributeProto Int(string name, long value) =>
            new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

        private static AttributeProto Ints(string name, int[] values)
        {
            var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
            attribute.Ints.AddRange(values.Select(v => (long)v));
            return attribute;
        }
    }

    private static ValueInfoProto Value(string name, int[] shape)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        foreach (var d in shape) tensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
