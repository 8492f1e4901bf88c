namespace RepairGate.Core.Model;

/// <summary>
/// y_i = scale_i * x_i + shift_i: Add/Sub/Mul/Div by a constant, input normalisation of NNet files.
/// Shape-preserving; a diagonal affine map, so verification can fold it into a neighbouring affine layer.
/// </summary>
public sealed class ElementwiseAffineLayer : Layer
{
    public ElementwiseAffineLayer(double[] scale, double[] shift, int[] shape, string name)
        : base(shape, shape, name)
    {
        if (scale.Length != InputSize || shift.Length != InputSize)
            throw new ArgumentException($"scale/shift must have {InputSize} entries");
        Scale = scale;
        Shift = shift;
    }

    public double[] Scale { get; }
    public double[] Shift { get; }

    public override string Kind => "Elementwise affine";

    public override void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        for (var i = 0; i < output.Length; i++) output[i] = Scale[i] * input[i] + Shift[i];
    }

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        // A float32 runtime applies Mul then Add separately; skip the no-op half so rounding matches.
        for (var i = 0; i < output.Length; i++)
        {
            var v = input[i];
            if (Scale[i] != 1.0) v *= (float)Scale[i];
            if (Shift[i] != 0.0) v += (float)Shift[i];
            output[i] = v;
        }
    }
}
