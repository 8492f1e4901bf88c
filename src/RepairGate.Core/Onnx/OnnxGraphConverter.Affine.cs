using RepairGate.Core.Model;
using RepairGate.Core.Onnx.Proto;

namespace RepairGate.Core.Onnx;

// Affine operators: Gemm, MatMul and the elementwise arithmetic that may fold into them as a bias.
internal sealed partial class OnnxGraphConverter
{
    private int[] Gemm(NodeProto node)
    {
        var attributes = new OnnxAttributes(node);
        if (node.Input[0] != _current || attributes.Int("transA", 0) != 0)
            throw Unsupported(node, "only Gemm(x, B, C) with the data as first operand and transA = 0 is supported");
        if (_shape.Length != 2 || _shape[0] != 1)
            throw Unsupported(node, $"expects data of shape [1, n], got [{string.Join(",", _shape)}]");
        var b = Constant(node, 1);
        if (b.Dims.Length != 2) throw Unsupported(node, "B must be a matrix");
        var transB = attributes.Int("transB", 0) != 0;
        int inputs = transB ? b.Dims[1] : b.Dims[0], outputs = transB ? b.Dims[0] : b.Dims[1];
        if (inputs != _shape[1]) throw Unsupported(node, $"B expects {inputs} inputs but the data has {_shape[1]}");

        double alpha = attributes.Float("alpha", 1f), beta = attributes.Float("beta", 1f);
        var weights = OutInMatrix(b.Values, inputs, outputs, storedInOut: !transB, alpha);
        var bias = new double[outputs];
        InitializerBinding? biasSource = null;
        if (node.Input.Count > 2 && node.Input[2].Length > 0)
        {
            var c = Constant(node, 2);
            var expanded = c.BroadcastTo([1, outputs]) ?? throw Unsupported(node, $"C of shape [{string.Join(",", c.Dims)}] does not broadcast to [1,{outputs}]");
            for (var o = 0; o < outputs; o++) bias[o] = beta * expanded[o];
            biasSource = Binding(c, transposed: false, beta, outputs);
        }
        var weightSource = b.InitializerName is null ? null : new InitializerBinding(b.InitializerName, !transB, alpha);
        _layers.Add(new AffineLayer(weights, bias, [inputs], [outputs], Describe(node), weightSource, biasSource));
        return [1, outputs];
    }

    private int[] MatMul(NodeProto node)
    {
        if (node.Input[0] == _current)
        {
            // x [.., in] · W [in, out]: leading dimensions must be batch dimensions of one.
            var w = Constant(node, 1);
            if (w.Dims.Length != 2) throw Unsupported(node, "the constant operand must be a matrix");
            if (_shape.Length == 0 || _shape[^1] != w.Dims[0] || Size(_shape) != w.Dims[0])
                throw Unsupported(node, $"data of shape [{string.Join(",", _shape)}] cannot multiply a [{w.Dims[0]},{w.Dims[1]}] matrix");
            int inputs = w.Dims[0], outputs = w.Dims[1];
            AddMatrixLayer(node, w, inputs, outputs, storedInOut: true);
            var shape = _shape.ToArray();
            shape[^1] = outputs;
            return shape;
        }
        else
        {
            // W [out, in] · x [in] or x [in, 1].
            var w = Constant(node, 0);
            if (w.Dims.Length != 2) throw Unsupported(node, "the constant operand must be a matrix");
            var columnVector = _shape.Length == 2 && _shape[1] == 1;
            if (!(_shape.Length == 1 || columnVector) || _shape[0] != w.Dims[1])
                throw Unsupported(node, $"a [{w.Dims[0]},{w.Dims[1]}] matrix cannot multiply data of shape [{string.Join(",", _shape)}]");
            int inputs = w.Dims[1], outputs = w.Dims[0];
            AddMatrixLayer(node, w, inputs, outputs, storedInOut: false);
            return columnVector ? [outputs, 1] : [outputs];
        }
    }

    private void AddMatrixLayer(NodeProto node, OnnxConstant w, int inputs, int outputs, bool storedInOut)
    {
        var weights = OutInMatrix(w.Values, inputs, outputs, storedInOut, 1.0);
        var source = w.InitializerName is null ? null : new InitializerBinding(w.InitializerName, storedInOut);
        _layers.Add(new AffineLayer(weights, new double[outputs], [inputs], [outputs], Describe(node), source));
    }

    /// <summary>Row-major [out, in] from a matrix stored [in, out] or [out, in], times a scale.</summary>
    private static double[] OutInMatrix(double[] values, int inputs, int outputs, bool storedInOut, double scale)
    {
        var result = new double[inputs * outputs];
        for (var o = 0; o < outputs; o++)
        for (var i = 0; i < inputs; i++)
            result[o * inputs + i] = scale * (storedInOut ? values[i * outputs + o] : values[o * inputs + i]);
        return result;
    }

    private static InitializerBinding? Binding(OnnxConstant c, bool transposed, double scale, int expandedSize) =>
        c.InitializerName is null ? null : new InitializerBinding(c.InitializerName, transposed, scale, Broadcast: c.Size != expandedSize);

    private int[] Elementwise(NodeProto node)
    {
        var dataFirst = node.Input[0] == _current;
        var constant = Constant(node, dataFirst ? 1 : 0);
        var expanded = constant.BroadcastTo(_shape)
            ?? throw Unsupported(node, $"the constant of shape [{string.Join(",", constant.Dims)}] does not broadcast to the data shape [{string.Join(",", _shape)}]");
        var size = Size(_shape);

        if (node.OpType is "Add" or "Sub" && (dataFirst || node.OpType == "Add") && TryFoldBias(node, constant, expanded))
            return _shape;

        var scale = Ones(size);
        var shift = new double[size];
        switch (node.OpType, dataFirst)
        {
            case ("Add", _): shift = expanded; break;
            case ("Sub", true): shift = expanded.Select(v => -v).ToArray(); break;
            case ("Sub", false): scale = scale.Select(_ => -1.0).ToArray(); shift = expanded; break;
            case ("Mul", _): scale = expanded; break;
            case ("Div", true):
                if (expanded.Any(v => v == 0)) throw Unsupported(node, "division by a constant containing zero");
                scale = expanded.Select(v => 1 / v).ToArray();
                break;
            default: throw Unsupported(node, "dividing a constant by the data is not a piecewise-linear operation");
        }
        _layers.Add(new ElementwiseAffineLayer(scale, shift, LayerShape(_shape), Describe(node)));
        return _shape;
    }

    /// <summary>
    /// MatMul followed by Add (or Sub) of a vector is the usual way exporters write a bias: fold it into the affine
    /// layer and remember the initializer so repair can write the bias back.
    /// </summary>
    private bool TryFoldBias(NodeProto node, OnnxConstant constant, double[] expanded)
    {
        if (_layers.Count == 0 || _layers[^1] is not AffineLayer affine || affine.BiasSource is not null || affine.Bias.Any(b => b != 0))
            return false;
        if (expanded.Length != affine.OutputSize) return false;
        var sign = node.OpType == "Sub" ? -1.0 : 1.0;
        var bias = expanded.Select(v => sign * v).ToArray();
        var binding = Binding(constant, transposed: false, sign, expanded.Length);
        _layers[^1] = new AffineLayer(affine.Weights, bias, affine.InputShape, affine.OutputShape, affine.Name + " + " + Describe(node), affine.WeightSource, binding);
        return true;
    }
}
