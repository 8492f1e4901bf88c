using RepairGate.Core.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace RepairGate.Core.Torch;

/// <summary>
/// The network as differentiable TorchSharp operations on a batch [B, inputSize] in float64, for gradient-based
/// search (PGD) and training. Parameters are constant tensors; gradients flow to the input.
/// </summary>
public sealed class TorchNetwork : IDisposable
{
    private readonly List<Func<Tensor, Tensor>> _steps = [];
    private readonly List<Tensor> _parameters = [];

    public TorchNetwork(Network network)
    {
        TorchNativeLoader.EnsureLoadable();
        foreach (var layer in network.Layers) _steps.Add(Translate(layer));
    }

    /// <summary>Evaluates a batch [B, inputSize] to [B, outputSize].</summary>
    public Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var step in _steps) x = step(x);
        return x;
    }

    private Func<Tensor, Tensor> Translate(Layer layer)
    {
        switch (layer)
        {
            case AffineLayer affine:
            {
                var w = Keep(tensor(affine.Weights, [affine.OutputSize, affine.InputSize], float64).t());
                var b = Keep(tensor(affine.Bias, float64));
                return x => x.matmul(w).add(b, TorchScalars.One);
            }
            case ElementwiseAffineLayer elementwise:
            {
                var scale = Keep(tensor(elementwise.Scale, float64));
                var shift = Keep(tensor(elementwise.Shift, float64));
                return x => x.mul(scale).add(shift, TorchScalars.One);
            }
            case ReluLayer:
                return x => nn.functional.relu(x);
            case Conv2dLayer conv:
            {
                var w = Keep(tensor(conv.Weights, [conv.OutputShape[0], conv.InputShape[0] / conv.Group, conv.Window.KernelHeight, conv.Window.KernelWidth], float64));
                var b = Keep(tensor(conv.Bias, float64));
                var window = conv.Window;
                long[] inShape = [.. conv.InputShape.Select(d => (long)d)];
                return x =>
                {
                    var image = Pad(x.reshape([x.shape[0], .. inShape]), window.Pads, 0);
                    var y = nn.functional.conv2d(image, w, b, strides: [window.Strides[0], window.Strides[1]], dilation: [window.Dilations[0], window.Dilations[1]], groups: conv.Group);
                    return y.flatten(1);
                };
            }
            case Pool2dLayer pool:
                return TranslatePool(pool);
            default:
                throw new NotSupportedException($"{layer.Kind} has no TorchSharp translation");
        }
    }

    private static Func<Tensor, Tensor> TranslatePool(Pool2dLayer pool)
    {
        var window = pool.Window;
        long[] inShape = [.. pool.InputShape.Select(d => (long)d)];
        var symmetric = window.Pads[0] == window.Pads[2] && window.Pads[1] == window.Pads[3];
        if (pool.Pool == PoolKind.Average && !symmetric && !pool.CountIncludePad)
            throw new NotSupportedException("average pooling with asymmetric padding that excludes the pad has no TorchSharp translation");
        if (window.Dilations.Any(d => d != 1) && pool.Pool == PoolKind.Average)
            throw new NotSupportedException("dilated average pooling has no TorchSharp translation");
        return x =>
        {
            var image = x.reshape([x.shape[0], .. inShape]);
            Tensor y;
            if (pool.Pool == PoolKind.Max)
            {
                y = nn.functional.max_pool2d(Pad(image, window.Pads, double.NegativeInfinity), [window.KernelHeight, window.KernelWidth],
                    strides: [window.Strides[0], window.Strides[1]], dilation: [window.Dilations[0], window.Dilations[1]]);
            }
            else if (symmetric)
            {
                y = nn.functional.avg_pool2d(image, [window.KernelHeight, window.KernelWidth], stride: [window.Strides[0], window.Strides[1]],
                    padding: [window.Pads[0], window.Pads[1]], count_include_pad: pool.CountIncludePad);
            }
            else
            {
                y = nn.functional.avg_pool2d(Pad(image, window.Pads, 0), [window.KernelHeight, window.KernelWidth], stride: [window.Strides[0], window.Strides[1]]);
            }
            return y.flatten(1);
        };
    }

    /// <summary>Pads [B,C,H,W] by ONNX pads [top, left, bottom, right].</summary>
    private static Tensor Pad(Tensor image, int[] pads, double value) =>
        pads.All(p => p == 0) ? image : nn.functional.pad(image, [pads[1], pads[3], pads[0], pads[2]], PaddingModes.Constant, value);

    private Tensor Keep(Tensor t)
    {
        _parameters.Add(t);
        return t;
    }

    public void Dispose()
    {
        foreach (var t in _parameters) t.Dispose();
        _parameters.Clear();
    }
}
