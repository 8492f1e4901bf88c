using Google.Protobuf;
using RepairGate.Core.Onnx.Proto;

namespace RepairGate.Core.Tests.Onnx;

/// <summary>Builds small ONNX models in memory for operator tests.</summary>
internal sealed class OnnxModelBuilder
{
    private readonly GraphProto _graph = new() { Name = "test" };
    private readonly Random _random;
    private int _counter;

    public OnnxModelBuilder(string inputName, long[] inputShape, int seed = 1)
    {
        _random = new Random(seed);
        _graph.Input.Add(Value(inputName, inputShape));
        Current = inputName;
    }

    /// <summary>Name of the tensor the last node produced.</summary>
    public string Current { get; private set; }

    public string Initializer(long[] dims, float[]? values = null, string? name = null)
    {
        name ??= $"w{_counter++}";
        var count = (int)dims.Aggregate(1L, (a, d) => a * d);
        values ??= Enumerable.Range(0, count).Select(_ => (float)(_random.NextDouble() * 2 - 1)).ToArray();
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(values.SelectMany(BitConverter.GetBytes).ToArray());
        _graph.Initializer.Add(tensor);
        return name;
    }

    public string Int64Initializer(params long[] values)
    {
        var tensor = new TensorProto { Name = $"i{_counter++}", DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public OnnxModelBuilder Node(string opType, string[] inputs, params AttributeProto[] attributes)
    {
        var output = $"t{_counter++}";
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{_counter}" };
        node.Input.AddRange(inputs.Select(i => i == "$" ? Current : i));
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        Current = output;
        return this;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public byte[] Build(long[] outputShape, int opset = 13)
    {
        var graph = _graph.Clone();
        graph.Output.Add(Value(Current, outputShape));
        var model = new ModelProto { IrVersion = 7, Graph = graph, ProducerName = "repairgate-tests" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model.ToByteArray();
    }

    private static ValueInfoProto Value(string name, long[] shape)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        foreach (var d in shape)
            tensorType.Shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "batch" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
