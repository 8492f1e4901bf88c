using RepairGate.Core.Data;
using RepairGate.Core.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace RepairGate.Core.Torch;

/// <summary>The shape of a trained classifier.</summary>
public enum ClassifierArchitecture
{
    /// <summary>Fully connected ReLU layers of widths <see cref="TrainingOptions.Hidden"/>.</summary>
    Mlp,

    /// <summary>
    /// Convolutions (3x3, stride 2, no padding, one per entry of <see cref="TrainingOptions.Channels"/>) with ReLUs,
    /// flattened into fully connected ReLU layers of widths <see cref="TrainingOptions.Hidden"/>.
    /// </summary>
    Cnn,
}

/// <summary>Settings of <see cref="ClassifierTrainer"/>.</summary>
public sealed record TrainingOptions
{
    public ClassifierArchitecture Architecture { get; init; } = ClassifierArchitecture.Mlp;

    /// <summary>Widths of the hidden fully connected ReLU layers.</summary>
    public int[] Hidden { get; init; } = [50, 50];

    /// <summary>Output channels of the convolutions (CNN only).</summary>
    public int[] Channels { get; init; } = [8, 16];

    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 1e-3;
    public int Seed { get; init; } = 20261123;
}

/// <summary>
/// Trains a ReLU classifier (inputs scaled to [0, 1], logits out) with Adam and cross-entropy in TorchSharp,
/// single-threaded and seeded so the same data and options give the same weights.
/// </summary>
public static class ClassifierTrainer
{
    private const int Kernel = 3;
    private const int Stride = 2;

    public static Network Train(LabelledImages data, int classes, TrainingOptions options, string name, Action<int, double>? epochDone = null, CancellationToken cancellationToken = default)
    {
        TorchThreads.UseSingleThread();
        random.manual_seed(options.Seed);
        int n = data.PixelCount, count = data.Count;
        var image = ImageShape(data);
        var plan = Plan(options, image, classes);
        using var model = nn.Sequential(plan.Modules);
        using var optimizer = optim.Adam(model.parameters(), options.LearningRate);
        using var pixels = tensor(data.Images.Values.Select(v => v / 255f).ToArray(), [count, n]);
        using var labels = tensor(data.Labels.Values.Select(v => (long)v).ToArray(), [count]);
        long[] batchShape = options.Architecture == ClassifierArchitecture.Cnn ? [-1, image[0], image[1], image[2]] : [-1, n];
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
                var batch = pixels.index_select(0, index).reshape(batchShape);
                var loss = nn.functional.cross_entropy(model.forward(batch), labels.index_select(0, index));
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * index.shape[0];
            }
            epochDone?.Invoke(epoch + 1, lossSum / count);
        }
        return ToNetwork(plan, image, name);
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

    /// <summary>A short description such as "784-100-100-10" or "conv8-conv16-100-10".</summary>
    public static string Describe(TrainingOptions options, int inputs, int classes) =>
        string.Join("-", (options.Architecture == ClassifierArchitecture.Cnn
                ? options.Channels.Select(c => $"conv{c}")
                : [inputs.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .Concat(options.Hidden.Select(h => h.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(classes.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>[C, H, W] of one image: [1, rows, columns] for IDX images, [1, 1, n] for flat data.</summary>
    private static int[] ImageShape(LabelledImages data) =>
        data.Images.Shape.Length == 3 ? [1, data.Images.Shape[1], data.Images.Shape[2]]
        : data.Images.Shape.Length == 4 ? [data.Images.Shape[1], data.Images.Shape[2], data.Images.Shape[3]]
        : [1, 1, data.PixelCount];

    private sealed record TrainingPlan(List<nn.Module<Tensor, Tensor>> Modules, List<TorchSharp.Modules.Conv2d> Convolutions, List<TorchSharp.Modules.Linear> Linears);

    private static TrainingPlan Plan(TrainingOptions options, int[] image, int classes)
    {
        var modules = new List<nn.Module<Tensor, Tensor>>();
        var convolutions = new List<TorchSharp.Modules.Conv2d>();
        var linears = new List<TorchSharp.Modules.Linear>();
        var features = image[0] * image[1] * image[2];
        if (options.Architecture == ClassifierArchitecture.Cnn)
        {
            int channels = image[0], height = image[1], width = image[2];
            foreach (var outChannels in options.Channels)
            {
                height = (height - Kernel) / Stride + 1;
                width = (width - Kernel) / Stride + 1;
                if (height <= 0 || width <= 0) throw new BadInputException($"{options.Channels.Length} stride-{Stride} convolutions shrink a {image[1]}x{image[2]} image to nothing");
                var conv = nn.Conv2d(channels, outChannels, Kernel, stride: Stride);
                convolutions.Add(conv);
                modules.Add(conv);
                modules.Add(nn.ReLU());
                channels = outChannels;
            }
            modules.Add(nn.Flatten());
            features = channels * height * width;
        }
        var widths = new[] { features }.Concat(options.Hidden).Append(classes).ToArray();
        for (var k = 0; k + 1 < widths.Length; k++)
        {
            if (k > 0) modules.Add(nn.ReLU());
            var linear = nn.Linear(widths[k], widths[k + 1]);
            linears.Add(linear);
            modules.Add(linear);
        }
        return new TrainingPlan(modules, convolutions, linears);
    }

    private static double[] Values(Tensor t) => t.detach().data<float>().Select(v => (double)v).ToArray();

    private static Network ToNetwork(TrainingPlan plan, int[] image, string name)
    {
        var layers = new List<Layer>();
        var shape = image;
        var window = new Window2d(Kernel, Kernel, [Stride, Stride], [0, 0, 0, 0], [1, 1]);
        for (var k = 0; k < plan.Convolutions.Count; k++)
        {
            var conv = new Conv2dLayer(Values(plan.Convolutions[k].weight!), Values(plan.Convolutions[k].bias!), shape, window, 1, $"conv{k}");
            layers.Add(conv);
            layers.Add(new ReluLayer(conv.OutputShape, $"conv_relu{k}"));
            shape = conv.OutputShape;
        }
        for (var k = 0; k < plan.Linears.Count; k++)
        {
            var linear = plan.Linears[k];
            int inSize = (int)linear.weight!.shape[1], outSize = (int)linear.weight.shape[0];
            if (k > 0) layers.Add(new ReluLayer([inSize], $"relu{k}"));
            layers.Add(new AffineLayer(Values(linear.weight), Values(linear.bias!), [inSize], [outSize], $"dense{k}"));
        }
        var inputs = image[0] * image[1] * image[2];
        int[] inputShape = plan.Convolutions.Count > 0 ? [1, .. image] : [1, inputs];
        return new Network(layers, new NetworkIo("X", inputShape, "Y", [1, layers[^1].OutputSize]), name);
    }
}
