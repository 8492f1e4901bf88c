namespace RepairGate.Core.Model;

/// <summary>y = W x + b with W stored row-major as [out, in]. The layer repair engines change W and b.</summary>
public sealed class AffineLayer : Layer
{
    private float[]? _weights32;
    private float[]? _bias32;

    public AffineLayer(double[] weights, double[] bias, int[] inputShape, int[] outputShape, string name,
        InitializerBinding? weightSource = null, InitializerBinding? biasSource = null)
        : base(inputShape, outputShape, name)
    {
        if (weights.Length != checked(InputSize * OutputSize))
            throw new ArgumentException($"weights have {weights.Length} entries, expected {OutputSize}x{InputSize}", nameof(weights));
        if (bias.Length != OutputSize)
            throw new ArgumentException($"bias has {bias.Length} entries, expected {OutputSize}", nameof(bias));
        Weights = weights;
        Bias = bias;
        WeightSource = weightSource;
        BiasSource = biasSource;
    }

    /// <summary>Row-major [out, in].</summary>
    public double[] Weights { get; }
    public double[] Bias { get; }
    public InitializerBinding? WeightSource { get; }
    public InitializerBinding? BiasSource { get; }

    public override string Kind => $"Affine {OutputSize}x{InputSize}";

    public double Weight(int row, int column) => Weights[row * InputSize + column];

    /// <summary>A copy with new parameters and the same bindings (used by repair).</summary>
    public AffineLayer With(double[] weights, double[] bias) =>
        new(weights, bias, InputShape, OutputShape, Name, WeightSource, BiasSource);

    public override void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        int n = InputSize;
        var w = Weights.AsSpan();
        for (var o = 0; o < output.Length; o++)
        {
            var row = w.Slice(o * n, n);
            var sum = 0.0;
            for (var i = 0; i < n; i++) sum += row[i] * input[i];
            output[o] = sum + Bias[o];
        }
    }

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        _weights32 ??= Array.ConvertAll(Weights, v => (float)v);
        _bias32 ??= Array.ConvertAll(Bias, v => (float)v);
        int n = InputSize;
        var w = _weights32.AsSpan();
        for (var o = 0; o < output.Length; o++)
        {
            var row = w.Slice(o * n, n);
            var sum = 0f;
            for (var i = 0; i < n; i++) sum += row[i] * input[i];
            output[o] = sum + _bias32[o];
        }
    }
}
