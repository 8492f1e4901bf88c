using RepairGate.Core.Model;

namespace RepairGate.Core.Tests.NNet;

/// <summary>Shared NNet inputs: a tiny hand-written file and a seeded random network.</summary>
internal static class NNetTestData
{
    public const string TinyPath = "tiny.nnet";

    /// <summary>
    /// 2 inputs → 2 hidden ReLU → 1 output. Means (1, -2 | 0.5), ranges (2, 4 | 8): all powers of two or
    /// small dyadic numbers, so hand-computed outputs are exact in float32 and float64.
    /// </summary>
    public static readonly string[] TinyLines =
    [
        "// tiny test network: 2 inputs, one hidden layer of 2, 1 output", // 1
        "// second comment",                                              // 2
        "2,2,1,2,",                                                       // 3  numLayers, inputSize, outputSize, maxLayerSize
        "2,2,1,",                                                         // 4  layer sizes
        "0,",                                                             // 5  unused flag
        "-10,-10,",                                                       // 6  minimums
        "10,10,",                                                         // 7  maximums
        "1,-2,0.5,",                                                      // 8  means (inputs, then output)
        "2,4,8,",                                                         // 9  ranges (inputs, then output)
        "1,-1,",                                                          // 10 W1 row 1
        "0.5,2,",                                                         // 11 W1 row 2
        "0.25,",                                                          // 12 b1[0]
        "-1,",                                                            // 13 b1[1]
        "2,-3,",                                                          // 14 W2
        "0.5,",                                                           // 15 b2
    ];

    public static string Tiny => Join(TinyLines);

    /// <summary>The tiny file with 1-based line <paramref name="lineNumber"/> replaced.</summary>
    public static string TinyWithLine(int lineNumber, string replacement)
    {
        var lines = TinyLines.ToArray();
        lines[lineNumber - 1] = replacement;
        return Join(lines);
    }

    public static string Join(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    /// <summary>
    /// 5 → 7 → 6 → 4 with input normalisation built from random means/ranges the way the reader builds it,
    /// output denormalisation, and no <c>NNetInfo</c>: the writer has to recover everything from the layers.
    /// </summary>
    public static Network RandomNetwork(int seed)
    {
        var random = new Random(seed);
        int[] sizes = [5, 7, 6, 4];
        var inputSize = sizes[0];
        var scale = new double[inputSize];
        var shift = new double[inputSize];
        for (var i = 0; i < inputSize; i++)
        {
            var mean = Uniform(random, -50, 50);
            var range = Uniform(random, 0.1, 100);
            (scale[i], shift[i]) = (1.0 / range, -mean / range);
        }
        var layers = new List<Layer> { new ElementwiseAffineLayer(scale, shift, [inputSize], "normalise") };
        for (var k = 0; k + 1 < sizes.Length; k++)
        {
            var weights = Enumerable.Range(0, sizes[k] * sizes[k + 1]).Select(_ => Uniform(random, -1, 1)).ToArray();
            var bias = Enumerable.Range(0, sizes[k + 1]).Select(_ => Uniform(random, -0.5, 0.5)).ToArray();
            layers.Add(new AffineLayer(weights, bias, [sizes[k]], [sizes[k + 1]], $"dense {k}"));
            if (k + 2 < sizes.Length) layers.Add(new ReluLayer([sizes[k + 1]], $"relu {k}"));
        }
        var outputSize = sizes[^1];
        var outputRange = Uniform(random, 1, 500);
        var outputMean = Uniform(random, -10, 10);
        layers.Add(new ElementwiseAffineLayer(Enumerable.Repeat(outputRange, outputSize).ToArray(),
            Enumerable.Repeat(outputMean, outputSize).ToArray(), [outputSize], "denormalise"));
        return new Network(layers, new NetworkIo("in", [1, inputSize], "out", [1, outputSize]), "random");
    }

    /// <summary>Seeded inputs spread well beyond the normalisation ranges.</summary>
    public static double[][] RandomInputs(int seed, int count, int size)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, size).Select(_ => Uniform(random, -100, 100)).ToArray())
            .ToArray();
    }

    private static double Uniform(Random random, double low, double high) => low + (high - low) * random.NextDouble();
}
