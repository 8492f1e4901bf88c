using RepairGate.Core.Onnx.Proto;

namespace RepairGate.Core.Onnx;

// Shape-only operators: on flat row-major data they change no value, only the recorded shape.
internal sealed partial class OnnxGraphConverter
{
    private int[] Flatten(NodeProto node) => FlattenDims(node, _shape);

    private int[] Reshape(NodeProto node) => ReshapeDims(node, _shape, Constant(node, 1).Values);

    private int[] Squeeze(NodeProto node) => SqueezeDims(node, _shape);

    private int[] Unsqueeze(NodeProto node) => UnsqueezeDims(node, _shape);

    private int[] FlattenDims(NodeProto node, int[] dims)
    {
        var axis = (int)new OnnxAttributes(node).Int("axis", 1);
        if (axis < 0) axis += dims.Length;
        if (axis < 0 || axis > dims.Length) throw Unsupported(node, $"axis {axis} is out of range for rank {dims.Length}");
        return [Size(dims[..axis]), Size(dims[axis..])];
    }

    private int[] ReshapeDims(NodeProto node, int[] dims, double[] requested)
    {
        var allowZero = new OnnxAttributes(node).Int("allowzero", 0) != 0;
        var result = requested.Select((v, i) => (int)v == 0 && !allowZero ? (i < dims.Length ? dims[i] : throw Unsupported(node, "0 refers to a missing dimension")) : (int)v).ToArray();
        var inferred = Array.IndexOf(result, -1);
        if (inferred >= 0)
        {
            var known = result.Where((_, i) => i != inferred).Aggregate(1, (a, d) => a * d);
            if (known == 0 || Size(dims) % known != 0) throw Unsupported(node, "cannot infer the -1 dimension");
            result[inferred] = Size(dims) / known;
        }
        if (Size(result) != Size(dims))
            throw Unsupported(node, $"cannot reshape [{string.Join(",", dims)}] to [{string.Join(",", result)}]");
        return result;
    }

    /// <summary>Axes come from an attribute before opset 13 and from a constant second input since.</summary>
    private int[]? Axes(NodeProto node, int rank)
    {
        var axes = new OnnxAttributes(node).Ints("axes");
        if (axes is null && node.Input.Count > 1 && node.Input[1].Length > 0)
            axes = Constant(node, 1).Values.Select(v => (int)v).ToArray();
        return axes?.Select(a => a < 0 ? a + rank : a).ToArray();
    }

    private int[] SqueezeDims(NodeProto node, int[] dims)
    {
        var axes = Axes(node, dims.Length);
        if (axes is not null && axes.Any(a => a < 0 || a >= dims.Length || dims[a] != 1))
            throw Unsupported(node, $"cannot squeeze axes [{string.Join(",", axes)}] of shape [{string.Join(",", dims)}]");
        return dims.Where((d, i) => axes is null ? d != 1 : !axes.Contains(i)).ToArray();
    }

    private int[] UnsqueezeDims(NodeProto node, int[] dims)
    {
        var rank = dims.Length + (Axes(node, 0)?.Length ?? 0);
        var axes = Axes(node, rank) ?? throw Unsupported(node, "Unsqueeze needs axes");
        var result = new List<int>(dims);
        foreach (var axis in axes.Order())
        {
            if (axis < 0 || axis > result.Count) throw Unsupported(node, $"axis {axis} is out of range");
            result.Insert(axis, 1);
        }
        return result.ToArray();
    }
}
