using RepairGate.Core.Model;
using RepairGate.Core.Onnx.Proto;

namespace RepairGate.Core.Onnx;

// Convolution and pooling over NCHW data with a batch of one.
internal sealed partial class OnnxGraphConverter
{
    private int[] Conv(NodeProto node)
    {
        RequireImage(node);
        var w = Constant(node, 1);
        if (w.Dims.Length != 4) throw Unsupported(node, "only 2-D convolutions (4-D weights) are supported");
        var attributes = new OnnxAttributes(node);
        var group = (int)attributes.Int("group", 1);
        if (w.Dims[1] * group != _shape[1])
            throw Unsupported(node, $"weights expect {w.Dims[1] * group} input channels but the data has {_shape[1]}");
        var window = Window(node, w.Dims[2], w.Dims[3]);
        var bias = new double[w.Dims[0]];
        InitializerBinding? biasSource = null;
        if (node.Input.Count > 2 && node.Input[2].Length > 0)
        {
            var b = Constant(node, 2);
            if (b.Size != w.Dims[0]) throw Unsupported(node, $"bias has {b.Size} values for {w.Dims[0]} filters");
            bias = b.Values.ToArray();
            biasSource = Binding(b, transposed: false, 1.0, b.Size);
        }
        var weightSource = w.InitializerName is null ? null : new InitializerBinding(w.InitializerName);
        var layer = new Conv2dLayer(w.Values.ToArray(), bias, _shape[1..], window, group, Describe(node), weightSource, biasSource);
        _layers.Add(layer);
        return [1, .. layer.OutputShape];
    }

    private int[] Pool(NodeProto node, PoolKind kind)
    {
        RequireImage(node);
        var attributes = new OnnxAttributes(node);
        if (attributes.Int("ceil_mode", 0) != 0) throw Unsupported(node, "ceil_mode = 1 is not supported");
        if (node.Output.Count > 1 && node.Output[1].Length > 0) throw Unsupported(node, "the Indices output is not supported");
        var kernel = attributes.Ints("kernel_shape") ?? throw Unsupported(node, "kernel_shape is required");
        if (kernel.Length != 2) throw Unsupported(node, "only 2-D pooling is supported");
        var window = Window(node, kernel[0], kernel[1]);
        var layer = new Pool2dLayer(kind, _shape[1..], window, attributes.Int("count_include_pad", 0) != 0, Describe(node));
        _layers.Add(layer);
        return [1, .. layer.OutputShape];
    }

    private void RequireImage(NodeProto node)
    {
        if (_shape.Length != 4 || _shape[0] != 1)
            throw Unsupported(node, $"expects NCHW data with a batch of one, got shape [{string.Join(",", _shape)}]");
    }

    private Window2d Window(NodeProto node, int kernelHeight, int kernelWidth)
    {
        var attributes = new OnnxAttributes(node);
        var kernel = attributes.Ints("kernel_shape");
        if (kernel is not null && (kernel.Length != 2 || kernel[0] != kernelHeight || kernel[1] != kernelWidth))
            throw Unsupported(node, "kernel_shape does not match the weights");
        var strides = attributes.Ints("strides") ?? [1, 1];
        var dilations = attributes.Ints("dilations") ?? [1, 1];
        var pads = attributes.Ints("pads") ?? [0, 0, 0, 0];
        var autoPad = attributes.String("auto_pad", "NOTSET");
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
            pads = SamePads(kernelHeight, kernelWidth, strides, dilations, autoPad == "SAME_UPPER");
        else if (autoPad is not ("NOTSET" or "VALID"))
            throw Unsupported(node, $"auto_pad '{autoPad}' is not supported");
        if (strides.Length != 2 || dilations.Length != 2 || pads.Length != 4)
            throw Unsupported(node, "strides, dilations and pads must describe two spatial dimensions");
        return new Window2d(kernelHeight, kernelWidth, strides, pads, dilations);
    }

    /// <summary>Padding that keeps ceil(input / stride) outputs, extra padding at the end (upper) or start (lower).</summary>
    private int[] SamePads(int kernelHeight, int kernelWidth, int[] strides, int[] dilations, bool upper)
    {
        int[] kernel = [kernelHeight, kernelWidth];
        var pads = new int[4];
        for (var axis = 0; axis < 2; axis++)
        {
            var input = _shape[2 + axis];
            var output = (input + strides[axis] - 1) / strides[axis];
            var total = Math.Max(0, (output - 1) * strides[axis] + (kernel[axis] - 1) * dilations[axis] + 1 - input);
            var small = total / 2;
            pads[axis] = upper ? small : total - small;
            pads[axis + 2] = total - pads[axis];
        }
        return pads;
    }
}
