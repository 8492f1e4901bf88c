using System.Numerics;

namespace RepairGate.Core.Model;

/// <summary>Geometry of a 2-D convolution or pooling window (ONNX attribute semantics, NCHW).</summary>
/// <param name="KernelHeight">Window height.</param>
/// <param name="KernelWidth">Window width.</param>
/// <param name="Strides">[stride_h, stride_w].</param>
/// <param name="Pads">[top, left, bottom, right].</param>
/// <param name="Dilations">[dilation_h, dilation_w].</param>
public sealed record Window2d(int KernelHeight, int KernelWidth, int[] Strides, int[] Pads, int[] Dilations)
{
    public int OutputHeight(int inputHeight) =>
        (inputHeight + Pads[0] + Pads[2] - Dilations[0] * (KernelHeight - 1) - 1) / Strides[0] + 1;

    public int OutputWidth(int inputWidth) =>
        (inputWidth + Pads[1] + Pads[3] - Dilations[1] * (KernelWidth - 1) - 1) / Strides[1] + 1;
}

/// <summary>2-D convolution, input [C, H, W], weights [M, C/group, kH, kW], output [M, OH, OW].</summary>
public sealed class Conv2dLayer : Layer
{
    private float[]? _weights32;
    private float[]? _bias32;

    public Conv2dLayer(double[] weights, double[] bias, int[] inputShape, Window2d window, int group, string name,
        InitializerBinding? weightSource = null, InitializerBinding? biasSource = null)
        : base(inputShape, [bias.Length, window.OutputHeight(inputShape[1]), window.OutputWidth(inputShape[2])], name)
    {
        if (inputShape.Length != 3) throw new ArgumentException("Conv2d input must be [C,H,W]");
        if (inputShape[0] % group != 0 || bias.Length % group != 0) throw new ArgumentException("channels not divisible by group");
        var expected = bias.Length * (inputShape[0] / group) * window.KernelHeight * window.KernelWidth;
        if (weights.Length != expected) throw new ArgumentException($"weights have {weights.Length} entries, expected {expected}");
        Weights = weights;
        Bias = bias;
        Window = window;
        Group = group;
        WeightSource = weightSource;
        BiasSource = biasSource;
    }

    public double[] Weights { get; }
    public double[] Bias { get; }
    public Window2d Window { get; }
    public int Group { get; }
    public InitializerBinding? WeightSource { get; }
    public InitializerBinding? BiasSource { get; }

    public override string Kind => $"Conv {Window.KernelHeight}x{Window.KernelWidth}, {OutputShape[0]} filters";

    public override void Forward(ReadOnlySpan<double> input, Span<double> output) => Convolve(input, output, Weights, Bias);

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        _weights32 ??= Array.ConvertAll(Weights, v => (float)v);
        _bias32 ??= Array.ConvertAll(Bias, v => (float)v);
        Convolve<float>(input, output, _weights32, _bias32);
    }

    private void Convolve<T>(ReadOnlySpan<T> input, Span<T> output, T[] weights, T[] bias) where T : INumber<T>
    {
        int c = InputShape[0], h = InputShape[1], w = InputShape[2];
        int m = OutputShape[0], oh = OutputShape[1], ow = OutputShape[2];
        int kh = Window.KernelHeight, kw = Window.KernelWidth, cPerGroup = c / Group, mPerGroup = m / Group;
        for (var f = 0; f < m; f++)
        {
            var firstChannel = f / mPerGroup * cPerGroup;
            for (var y = 0; y < oh; y++)
            for (var x = 0; x < ow; x++)
            {
                var sum = T.Zero;
                for (var ci = 0; ci < cPerGroup; ci++)
                for (var ky = 0; ky < kh; ky++)
                {
                    var iy = y * Window.Strides[0] - Window.Pads[0] + ky * Window.Dilations[0];
                    if (iy < 0 || iy >= h) continue;
                    for (var kx = 0; kx < kw; kx++)
                    {
                        var ix = x * Window.Strides[1] - Window.Pads[1] + kx * Window.Dilations[1];
                        if (ix < 0 || ix >= w) continue;
                        sum += weights[((f * cPerGroup + ci) * kh + ky) * kw + kx] * input[((firstChannel + ci) * h + iy) * w + ix];
                    }
                }
                output[(f * oh + y) * ow + x] = sum + bias[f];
            }
        }
    }
}
