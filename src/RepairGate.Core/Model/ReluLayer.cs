namespace RepairGate.Core.Model;

/// <summary>y = max(x, 0).</summary>
public sealed class ReluLayer(int[] shape, string name) : Layer(shape, shape, name)
{
    public override string Kind => "ReLU";

    public override void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        for (var i = 0; i < output.Length; i++) output[i] = input[i] > 0 ? input[i] : 0;
    }

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        for (var i = 0; i < output.Length; i++) output[i] = input[i] > 0 ? input[i] : 0;
    }
}
