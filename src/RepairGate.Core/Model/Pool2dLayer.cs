using System.Numerics;

namespace RepairGate.Core.Model;

/// <summary>Which reduction a pooling layer applies.</summary>
public enum PoolKind { Max, Average }

/// <summary>
/// 2-D max or average pooling over [C, H, W]. Average pooling divides by the number of in-bounds elements
/// unless <see cref="CountIncludePad"/> (ONNX count_include_pad).
/// </summary>
public sealed class Pool2dLayer(PoolKind pool, int[] inputShape, Window2d window, bool countIncludePad, string name)
    : Layer(inputShape, [inputShape[0], window.OutputHeight(inputShape[1]), window.OutputWidth(inputShape[2])], name)
{
    public PoolKind Pool { get; } = pool;
    public Window2d Window { get; } = window;
    public bool CountIncludePad { get; } = countIncludePad;

    public override string Kind => $"{Pool}Pool {Window.KernelHeight}x{Window.KernelWidth}";

    public override void Forward(ReadOnlySpan<double> input, Span<double> output) => Reduce(input, output);
    public override void Forward(ReadOnlySpan<float> input, Span<float> output) => Reduce(input, output);

    private void Reduce<T>(ReadOnlySpan<T> input, Span<T> output) where T : INumber<T>, IMinMaxValue<T>
    {
        int c = InputShape[0], h = InputShape[1], w = InputShape[2], oh = OutputShape[1], ow = OutputShape[2];
        for (var ch = 0; ch < c; ch++)
        for (var y = 0; y < oh; y++)
        for (var x = 0; x < ow; x++)
        {
            var acc = Pool == PoolKind.Max ? T.MinValue : T.Zero;
            var count = 0;
            for (var ky = 0; ky < Window.KernelHeight; ky++)
            for (var kx = 0; kx < Window.KernelWidth; kx++)
            {
                var iy = y * Window.Strides[0] - Window.Pads[0] + ky * Window.Dilations[0];
                var ix = x * Window.Strides[1] - Window.Pads[1] + kx * Window.Dilations[1];
                if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                {
                    if (CountIncludePad) count++;
                    continue;
                }
                var v = input[(ch * h + iy) * w + ix];
                acc = Pool == PoolKind.Max ? T.Max(acc, v) : acc + v;
                count++;
            }
            output[(ch * oh + y) * ow + x] = Pool == PoolKind.Max ? acc : acc / T.CreateChecked(count);
        }
    }
}
