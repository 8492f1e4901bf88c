using RepairGate.Core.Model;

namespace RepairGate.Core.Tests.Verification;

/// <summary>Small seeded random ReLU networks for soundness tests.</summary>
internal static class RandomNetworks
{
    public static Network Create(int seed, int inputs, int[] hidden, int outputs)
    {
        var random = new Random(seed);
        var layers = new List<Layer>();
        var width = inputs;
        foreach (var size in hidden)
        {
            layers.Add(Dense(random, width, size));
            layers.Add(new ReluLayer([size], "relu"));
            width = size;
        }
        layers.Add(Dense(random, width, outputs));
        return new Network(layers, new NetworkIo("X", [1, inputs], "Y", [1, outputs]), $"random-{seed}.onnx");
    }

    private static AffineLayer Dense(Random random, int inputs, int outputs) =>
        new(Enumerable.Range(0, outputs * inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray(),
            Enumerable.Range(0, outputs).Select(_ => random.NextDouble() - 0.5).ToArray(), [inputs], [outputs], "dense");

    public static double[] Point(Random random, double[] lower, double[] upper) =>
        lower.Select((l, i) => l + (upper[i] - l) * random.NextDouble()).ToArray();
}
