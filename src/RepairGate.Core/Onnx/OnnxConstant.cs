namespace RepairGate.Core.Onnx;

/// <summary>A constant tensor of the graph (initializer or Constant node) as float64 values.</summary>
/// <param name="Values">Row-major values.</param>
/// <param name="Dims">The tensor's shape.</param>
/// <param name="InitializerName">The initializer holding it, or null for values computed or given by a Constant node.</param>
internal sealed record OnnxConstant(double[] Values, int[] Dims, string? InitializerName)
{
    public int Size => Values.Length;

    /// <summary>Expands the constant to <paramref name="target"/> with numpy broadcasting, or returns null when it does not broadcast.</summary>
    public double[]? BroadcastTo(int[] target)
    {
        if (Dims.Length > target.Length) return Dims.Take(Dims.Length - target.Length).All(d => d == 1) ? Trim().BroadcastTo(target) : null;
        var offset = target.Length - Dims.Length;
        for (var i = 0; i < Dims.Length; i++)
            if (Dims[i] != 1 && Dims[i] != target[offset + i]) return null;

        var size = target.Aggregate(1, (a, d) => a * d);
        var result = new double[size];
        var index = new int[target.Length];
        for (var flat = 0; flat < size; flat++)
        {
            var source = 0;
            for (var i = 0; i < Dims.Length; i++)
                source = source * Dims[i] + (Dims[i] == 1 ? 0 : index[offset + i]);
            result[flat] = Values[source];
            for (var axis = target.Length - 1; axis >= 0; axis--)
            {
                if (++index[axis] < target[axis]) break;
                index[axis] = 0;
            }
        }
        return result;
    }

    private OnnxConstant Trim()
    {
        var dims = Dims.SkipWhile(d => d == 1).ToArray();
        return this with { Dims = dims };
    }
}
