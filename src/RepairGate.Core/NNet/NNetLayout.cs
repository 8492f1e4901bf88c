using RepairGate.Core.Model;
using static System.FormattableString;

namespace RepairGate.Core.NNet;

/// <summary>
/// A network taken apart into what an NNet file holds. Accepts
/// [ElementwiseAffine] → Affine (→ ReLU → Affine)* → [ElementwiseAffine with one scale and one shift];
/// anything else is a <see cref="BadInputException"/> saying which layer does not fit and why.
/// </summary>
internal sealed record NNetLayout(
    IReadOnlyList<AffineLayer> Affines,
    double[] Minimums,
    double[] Maximums,
    double[] Means,
    double[] Ranges,
    IReadOnlyList<string> HeaderComments)
{
    private static readonly string[] DefaultComments =
        [" Neural Network File Format by Kyle Julian, Stanford 2016", " Written by RepairGate"];

    /// <summary>Layer sizes from the input to the output (numLayers + 1 entries).</summary>
    public int[] LayerSizes => [Affines[0].InputSize, .. Affines.Select(a => a.OutputSize)];

    public static NNetLayout Of(Network network)
    {
        var layers = network.Layers;
        var index = 0;
        var inputNormalisation = layers[0] as ElementwiseAffineLayer;
        if (inputNormalisation is not null) index++;

        var affines = new List<AffineLayer>();
        while (true)
        {
            if (index >= layers.Count)
                throw Misfit(network, affines.Count == 0
                    ? "it has no fully connected layer"
                    : "it ends with a ReLU, but the last NNet layer is linear");
            if (layers[index] is not AffineLayer affine)
                throw Misfit(network, $"layer {index} ({layers[index]}) is where NNet needs a fully connected layer; NNet holds only fully connected ReLU networks");
            CheckFinite(network, affine);
            affines.Add(affine);
            index++;
            if (index < layers.Count && layers[index] is ReluLayer) index++;
            else break;
        }

        var outputDenormalisation = index < layers.Count ? layers[index] as ElementwiseAffineLayer : null;
        if (outputDenormalisation is not null) index++;
        if (index < layers.Count)
            throw Misfit(network, $"layer {index} ({layers[index]}) follows the linear output layer; NNet allows only an output denormalisation there");

        var info = NNetInfo.Of(network);
        var inputSize = affines[0].InputSize;
        var (means, ranges) = Normalisation(network, inputNormalisation, outputDenormalisation, inputSize, info);
        var (minimums, maximums) = Bounds(network, inputSize, info);
        var comments = info is { HeaderComments.Count: > 0 } ? info.HeaderComments : DefaultComments;
        return new NNetLayout(affines, minimums, maximums, means, ranges, comments);
    }

    private static (double[] Means, double[] Ranges) Normalisation(Network network,
        ElementwiseAffineLayer? input, ElementwiseAffineLayer? output, int inputSize, NNetInfo? info)
    {
        var means = new double[inputSize + 1];
        var ranges = new double[inputSize + 1];
        Array.Fill(ranges, 1.0);
        var known = info is not null && info.Means.Count == inputSize + 1 && info.Ranges.Count == inputSize + 1;
        for (var i = 0; input is not null && i < inputSize; i++)
        {
            double scale = input.Scale[i], shift = input.Shift[i];
            if (scale == 0 || !double.IsFinite(scale) || !double.IsFinite(shift))
                throw Misfit(network, Invariant($"input normalisation {i + 1} has scale {scale} and shift {shift}; NNet needs a finite nonzero scale"));
            // Prefer the file's own numbers when they still describe the layer: unchanged networks write back verbatim.
            (means[i], ranges[i]) = known && NNetNormalisation.Reproduces(info!.Means[i], info.Ranges[i], scale, shift)
                ? (info.Means[i], info.Ranges[i])
                : NNetNormalisation.Invert(scale, shift);
            if (!double.IsFinite(means[i]) || !double.IsFinite(ranges[i]))
                throw Misfit(network, Invariant($"input normalisation {i + 1} (scale {scale}, shift {shift}) has no finite NNet mean and range"));
        }
        if (output is not null)
        {
            double range = output.Scale[0], mean = output.Shift[0];
            if (output.Scale.Any(s => s != range) || output.Shift.Any(s => s != mean))
                throw Misfit(network, $"its last layer ({output}) treats outputs differently; NNet has one mean and one range for all outputs");
            if (range == 0 || !double.IsFinite(range) || !double.IsFinite(mean))
                throw Misfit(network, Invariant($"output denormalisation has scale {range} and shift {mean}; NNet needs a finite nonzero range"));
            (means[inputSize], ranges[inputSize]) = (mean, range);
        }
        return (means, ranges);
    }

    private static (double[] Minimums, double[] Maximums) Bounds(Network network, int inputSize, NNetInfo? info)
    {
        var minimums = new double[inputSize];
        var maximums = new double[inputSize];
        if (info is null)
        {
            // No known domain: the widest finite bounds, so that readers never clamp.
            Array.Fill(minimums, double.MinValue);
            Array.Fill(maximums, double.MaxValue);
            return (minimums, maximums);
        }
        if (info.InputMinimums.Count != inputSize || info.InputMaximums.Count != inputSize)
            throw Misfit(network, $"its NNet input bounds have {info.InputMinimums.Count} and {info.InputMaximums.Count} entries but it takes {inputSize} inputs");
        for (var i = 0; i < inputSize; i++)
        {
            (minimums[i], maximums[i]) = (info.InputMinimums[i], info.InputMaximums[i]);
            if (!double.IsFinite(minimums[i]) || !double.IsFinite(maximums[i]) || minimums[i] > maximums[i])
                throw Misfit(network, Invariant($"input {i + 1} has bounds [{minimums[i]}, {maximums[i]}]; NNet needs finite minimum <= maximum"));
        }
        return (minimums, maximums);
    }

    private static void CheckFinite(Network network, AffineLayer affine)
    {
        if (!affine.Weights.All(double.IsFinite) || !affine.Bias.All(double.IsFinite))
            throw Misfit(network, $"{affine} has a non-finite weight or bias, which NNet readers reject");
    }

    private static BadInputException Misfit(Network network, string reason) =>
        new($"cannot be written as NNet: {reason}", string.IsNullOrEmpty(network.SourcePath) ? null : network.SourcePath);
}
