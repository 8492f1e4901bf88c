using RepairGate.Core.Model;
using RepairGate.Core.Torch;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace RepairGate.Core.Repair.FineTune;

/// <summary>
/// The network in TorchSharp with the allowed affine layers as trainable parameters (float64) and every other
/// layer fixed (runs of fixed layers are <see cref="TorchNetwork"/>s).
/// </summary>
internal sealed class TrainableNetwork : IDisposable
{
    private readonly List<Func<Tensor, Tensor>> _steps = [];
    private readonly List<IDisposable> _owned = [];
    private readonly List<(int Index, Parameter Weights, Parameter Bias)> _layers = [];

    public TrainableNetwork(Network network, IReadOnlyCollection<int> trainable)
    {
        var fixedRun = new List<Layer>();
        for (var i = 0; i < network.Layers.Count; i++)
        {
            if (!trainable.Contains(i))
            {
                fixedRun.Add(network.Layers[i]);
                continue;
            }
            Flush(fixedRun, network);
            var layer = (AffineLayer)network.Layers[i];
            var weights = new Parameter(tensor(layer.Weights, [layer.OutputSize, layer.InputSize], float64), requires_grad: layer.WeightSource?.Broadcast != true);
            var bias = new Parameter(tensor(layer.Bias, float64), requires_grad: layer.BiasSource?.Broadcast != true);
            _owned.Add(weights);
            _owned.Add(bias);
            _layers.Add((i, weights, bias));
            _steps.Add(x => x.matmul(weights.t()).add(bias));
        }
        Flush(fixedRun, network);
    }

    /// <summary>The parameters the optimiser may change (broadcast-bound ones stay fixed).</summary>
    public IEnumerable<Parameter> Parameters =>
        _layers.SelectMany(l => new[] { l.Weights, l.Bias }).Where(p => p.requires_grad);

    public Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var step in _steps) x = step(x);
        return x;
    }

    /// <summary>Keeps every parameter within <paramref name="maxChange"/> of the original network's value.</summary>
    public void ClampTo(Network original, double maxChange)
    {
        using var noGrad = no_grad();
        foreach (var (index, weights, bias) in _layers)
        {
            var layer = (AffineLayer)original.Layers[index];
            Clamp(weights, layer.Weights, [layer.OutputSize, layer.InputSize], maxChange);
            Clamp(bias, layer.Bias, [layer.OutputSize], maxChange);
        }
    }

    /// <summary>The current parameters as a new network (the input network is not touched).</summary>
    public Network Snapshot(Network network)
    {
        var result = network;
        foreach (var (index, weights, bias) in _layers)
        {
            var layer = (AffineLayer)network.Layers[index];
            result = result.WithLayer(index, layer.With(weights.detach().data<double>().ToArray(), bias.detach().data<double>().ToArray()));
        }
        return result;
    }

    private static void Clamp(Parameter parameter, double[] original, long[] shape, double maxChange)
    {
        using var scope = NewDisposeScope();
        var center = tensor(original, shape, float64);
        parameter.copy_(minimum(maximum(parameter, center - maxChange), center + maxChange));
    }

    private void Flush(List<Layer> run, Network network)
    {
        if (run.Count == 0) return;
        var part = new TorchNetwork(new Network(run.ToList(), network.Io, network.SourcePath));
        _owned.Add(part);
        _steps.Add(part.Forward);
        run.Clear();
    }

    public void Dispose()
    {
        foreach (var item in _owned) item.Dispose();
        _owned.Clear();
    }
}
