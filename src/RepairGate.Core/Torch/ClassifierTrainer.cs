using RepairGate.Core.Data;
using RepairGate.Core.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace RepairGate.Core.Torch;

/// <summary>Settings of <see cref="ClassifierTrainer"/>.</summary>
public sealed record TrainingOptions
{
    /// <summary>Widths of the hidden ReLU layers.</summary>
    public int[] Hidden { get; init; } = [50, 50];
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 1e-3;
    public int Seed { get; init; } = 20261123;
}

/// <summary>
/// Trains a fully connected ReLU classifier (inputs scaled to [0, 1], logits out) with Adam and cross-entropy in
/// TorchSharp, single-threaded and seeded so the same data and options give the same weights.
/// </summary>
public static class ClassifierTrainer
{
    public static Network Train(LabelledImages data, int classes, TrainingOptions options, string name, Action<int, double>? epochDone = null, CancellationToken cancellationToken = default)
    {
        TorchThreads.UseSingleThread();
        random.manual_seed(options.Seed);
        int n = data.PixelCount, count = data.Count;
        var widths = new[] { n }.Concat(options.Hidden).Append(classes).ToArray();
        var linears = new List<TorchSharp.Modules.Linear>();
        for (var k = 0; k + 1 < widths.Length; k++) linears.Add(nn.Linear(widths[k], widths[k + 1]));
        var modules = new List<nn.Module<Tensor, Tensor>>();
        foreach (var linear in linears)
        {
            if (modules.Count > 0) modules.Add(nn.ReLU());
            modules.Add(linear);
        }
        using var model = nn.Sequential(modules);
        using var optimizer = optim.Adam(model.parameters(), options.LearningRate);
        using var pixels = tensor(data.Images.Values.Select(v => v / 255f).ToArray(), [count, n]);
        using var labels = tensor(data.Labels.Values.Select(v => (long)v).ToArray(), [count]);
        var shuffle = new Random(options.Seed);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            var order = Enumerable.Range(0, count).ToArray();
            shuffle.Shuffle(order);
            double lossSum = 0;
            for (var start = 0; start < count; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var index = tensor(order.AsSpan(start, Math.Min(options.BatchSize, count - start)).ToArray().Select(i => (long)i).ToArray());
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.forward(pixels.index_select(0, index)), labels.index_select(0, index));
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * index.shape[0];
            }
            epochDone?.Invoke(epoch + 1, lossSum / count);
        }
        return ToNetwork(linears, n, name);
    }

    /// <summary>Share of images whose largest output is their label (ties count as wrong).</summary>
    public static double Accuracy(Network network, LabelledImages data)
    {
        var correct = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var y = network.Evaluate(data.Images.Scaled(i));
            var label = data.Label(i);
            if (y.Select((v, j) => j == label || v < y[label]).All(b => b)) correct++;
        }
        return (double)correct / data.Count;
    }

    private static Network ToNetwork(List<TorchSharp.Modules.Linear> linears, int inputs, string name)
    {
        var layers = new List<Layer>();
        for (var k = 0; k < linears.Count; k++)
        {
            var linear = linears[k];
            var weights = linear.weight!.detach().data<float>().Select(v => (double)v).ToArray();
            var bias = linear.bias!.detach().data<float>().Select(v => (double)v).ToArray();
            int inSize = (int)linear.weight.shape[1], outSize = (int)linear.weight.shape[0];
            if (k > 0) layers.Add(new ReluLayer([inSize], $"relu{k}"));
            layers.Add(new AffineLayer(weights, bias, [inSize], [outSize], $"dense{k}"));
        }
        return new Network(layers, new NetworkIo("X", [1, inputs], "Y", [1, layers[^1].OutputSize]), name);
    }
}
