using RepairGate.Core.Model;
using RepairGate.Core.Onnx.Proto;

namespace RepairGate.Core.Onnx;

/// <summary>
/// Walks an ONNX graph in node order, following the one tensor that depends on the model input, and turns each
/// operator into IR layers. Constants (initializers, Constant nodes) are folded into the layers' parameters.
/// Supported: Gemm, MatMul (either operand order), Add, Sub, Mul, Div (by constants), Relu, Flatten, Reshape,
/// Identity, Constant, Squeeze, Unsqueeze, Conv, MaxPool, AveragePool, Dropout (inference: identity).
/// </summary>
internal sealed partial class OnnxGraphConverter
{
    private readonly ModelProto _model;
    private readonly string _path;
    private readonly Dictionary<string, OnnxConstant> _constants = new(StringComparer.Ordinal);
    private readonly List<Layer> _layers = [];
    private string _current = "";
    private int[] _shape = [];

    public OnnxGraphConverter(ModelProto model, string path)
    {
        _model = model;
        _path = path;
    }

    private GraphProto Graph => _model.Graph;

    public Network Convert()
    {
        foreach (var tensor in Graph.Initializer)
            _constants[tensor.Name] = new OnnxConstant(OnnxTensors.ReadValues(tensor, _path), OnnxTensors.Dims(tensor), tensor.Name);

        var input = FindModelInput();
        _current = input.Name;
        _shape = StaticShape(input);
        var inputShape = _shape;

        foreach (var node in Graph.Node) Apply(node);

        if (Graph.Output.Count != 1)
            throw new BadInputException($"the model has {Graph.Output.Count} outputs; RepairGate supports networks with exactly one", _path);
        var output = Graph.Output[0];
        if (output.Name != _current)
            throw new BadInputException($"the graph output '{output.Name}' is not computed by the chain of operators from input '{input.Name}'", _path);
        if (_layers.Count == 0)
            _layers.Add(new ElementwiseAffineLayer(Ones(Size(_shape)), new double[Size(_shape)], LayerShape(_shape), "identity"));

        var io = new NetworkIo(input.Name, inputShape, output.Name, _shape);
        return new Network(_layers, io, _path, new OnnxSource(_model, _path));
    }

    private ValueInfoProto FindModelInput()
    {
        // Old exporters list every weight as a graph input too; the real input is the one without an initializer.
        var inputs = Graph.Input.Where(i => !_constants.ContainsKey(i.Name)).ToList();
        return inputs.Count switch
        {
            1 => inputs[0],
            0 => throw new BadInputException("the model has no input that is not an initializer", _path),
            _ => throw new BadInputException($"the model has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); RepairGate supports networks with exactly one", _path),
        };
    }

    private int[] StaticShape(ValueInfoProto input)
    {
        var tensorType = input.Type?.TensorType
            ?? throw new BadInputException($"input '{input.Name}' is not a tensor", _path);
        if (tensorType.ElemType != (int)TensorProto.Types.DataType.Float)
            throw new BadInputException($"input '{input.Name}' has element type {OnnxTensors.TypeName(tensorType.ElemType)}; only float32 inputs are supported", _path);
        if (tensorType.Shape is null)
            throw new BadInputException($"input '{input.Name}' has no shape", _path);
        // Symbolic or unknown dimensions are batch dimensions: one sample at a time.
        return tensorType.Shape.Dim.Select(d => d.HasDimValue && d.DimValue > 0 ? checked((int)d.DimValue) : 1).ToArray();
    }

    private void Apply(NodeProto node)
    {
        if (node.OpType == "Constant")
        {
            AddConstantNode(node);
            return;
        }
        var dynamicInputs = node.Input.Where(i => i.Length > 0 && !_constants.ContainsKey(i)).ToList();
        if (dynamicInputs.Count == 0)
        {
            FoldConstantNode(node);
            return;
        }
        if (dynamicInputs.Count > 1 || dynamicInputs[0] != _current)
            throw Unsupported(node, $"it reads '{string.Join("', '", dynamicInputs)}' but only a single chain from the input through '{_current}' is supported (no branches or skip connections)");
        if (node.Output.Count < 1) throw Unsupported(node, "it has no output");

        _shape = node.OpType switch
        {
            "Gemm" => Gemm(node),
            "MatMul" => MatMul(node),
            "Add" or "Sub" or "Mul" or "Div" => Elementwise(node),
            "Relu" => Add(new ReluLayer(LayerShape(_shape), Describe(node)), _shape),
            "Flatten" => Flatten(node),
            "Reshape" => Reshape(node),
            "Identity" or "Dropout" => _shape,
            "Squeeze" => Squeeze(node),
            "Unsqueeze" => Unsqueeze(node),
            "Conv" => Conv(node),
            "MaxPool" => Pool(node, PoolKind.Max),
            "AveragePool" => Pool(node, PoolKind.Average),
            _ => throw new BadInputException($"unsupported operator '{node.OpType}' in node '{NodeName(node)}'", _path),
        };
        _current = node.Output[0];
    }

    private int[] Add(Layer layer, int[] outputShape)
    {
        _layers.Add(layer);
        return outputShape;
    }

    private void AddConstantNode(NodeProto node)
    {
        var attributes = new OnnxAttributes(node);
        var tensor = attributes.Tensor("value")
            ?? throw Unsupported(node, "only Constant nodes with a 'value' tensor are supported");
        _constants[node.Output[0]] = new OnnxConstant(OnnxTensors.ReadValues(tensor, _path), OnnxTensors.Dims(tensor), null);
    }

    /// <summary>Nodes on constants only (shape arithmetic, reshaped weights) are evaluated once at import.</summary>
    private void FoldConstantNode(NodeProto node)
    {
        var a = _constants[node.Input[0]];
        _constants[node.Output[0]] = node.OpType switch
        {
            "Identity" => a,
            "Reshape" => a with { Dims = ReshapeDims(node, a.Dims, _constants[node.Input[1]].Values), InitializerName = null },
            "Flatten" => a with { Dims = FlattenDims(node, a.Dims), InitializerName = null },
            "Squeeze" => a with { Dims = SqueezeDims(node, a.Dims), InitializerName = null },
            "Unsqueeze" => a with { Dims = UnsqueezeDims(node, a.Dims), InitializerName = null },
            _ => throw Unsupported(node, "this operator on constant inputs is not supported"),
        };
    }

    /// <summary>IR layers see one sample: drop a leading batch dimension of 1.</summary>
    internal static int[] LayerShape(int[] shape) => shape.Length >= 2 && shape[0] == 1 ? shape[1..] : shape;

    internal static int Size(int[] shape) => shape.Aggregate(1, (a, d) => checked(a * d));

    private static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();

    private static string NodeName(NodeProto node) => string.IsNullOrEmpty(node.Name) ? node.Output.FirstOrDefault() ?? "?" : node.Name;

    private static string Describe(NodeProto node) => $"{node.OpType} '{NodeName(node)}'";

    private BadInputException Unsupported(NodeProto node, string why) =>
        new($"node '{NodeName(node)}' ({node.OpType}): {why}", _path);

    private OnnxConstant Constant(NodeProto node, int inputIndex)
    {
        if (inputIndex >= node.Input.Count || node.Input[inputIndex].Length == 0)
            throw Unsupported(node, $"input {inputIndex} is missing");
        return _constants.TryGetValue(node.Input[inputIndex], out var c)
            ? c
            : throw Unsupported(node, $"input '{node.Input[inputIndex]}' must be a constant (initializer)");
    }
}
