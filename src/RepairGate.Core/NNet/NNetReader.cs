using RepairGate.Core.Model;

namespace RepairGate.Core.NNet;

/// <summary>
/// Reads the NNet text format (Kyle Julian's format in which the ACAS Xu networks were published) into a
/// <see cref="Network"/>: [input normalisation] → (Affine → ReLU)* → Affine → [output denormalisation].
/// </summary>
/// <remarks>
/// The normalisation layers are <see cref="ElementwiseAffineLayer"/>s (scale 1/range, shift -mean/range on the
/// inputs; scale range, shift mean on the outputs) and are left out when they are the identity (mean 0, range 1).
/// The reference implementation also clamps inputs to the file's minimums/maximums; that clamp is not part of
/// the network. The bounds are available through <see cref="NNetInfo.Of"/>, so callers can intersect their
/// input boxes with them. Every format error is a <see cref="BadInputException"/> with file, line and column.
/// </remarks>
public static class NNetReader
{
    /// <summary>Reads the NNet file at <paramref name="path"/>.</summary>
    public static Network Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (IsUnreadable(e)) { throw CannotRead(path, e); }
        return Parse(text, path);
    }

    /// <summary>Reads the NNet file at <paramref name="path"/> without blocking on I/O.</summary>
    public static async Task<Network> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        string text;
        try { text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (IsUnreadable(e)) { throw CannotRead(path, e); }
        return Parse(text, path);
    }

    /// <summary>Parses NNet <paramref name="text"/>; <paramref name="sourcePath"/> names it in errors.</summary>
    public static Network Parse(string text, string sourcePath)
    {
        var contents = NNetParser.Parse(text, sourcePath);
        var info = contents.Info;
        var sizes = contents.LayerSizes;
        int inputSize = sizes[0], outputSize = sizes[^1], layerCount = sizes.Length - 1;

        var layers = new List<Layer>();
        if (InputNormalisation(info) is { } normalisation) layers.Add(normalisation);
        for (var k = 0; k < layerCount; k++)
        {
            var name = $"nnet layer {k + 1}";
            layers.Add(new AffineLayer(contents.Weights[k], contents.Biases[k], [sizes[k]], [sizes[k + 1]], name));
            if (k < layerCount - 1) layers.Add(new ReluLayer([sizes[k + 1]], $"{name} ReLU"));
        }
        if (OutputDenormalisation(info, outputSize) is { } denormalisation) layers.Add(denormalisation);

        var io = new NetworkIo("X", [1, inputSize], "Y", [1, outputSize]);
        return new Network(layers, io, sourcePath, info);
    }

    private static ElementwiseAffineLayer? InputNormalisation(NNetInfo info)
    {
        var inputSize = info.InputSize;
        var isIdentity = true;
        for (var i = 0; i < inputSize; i++) isIdentity &= info.Means[i] == 0 && info.Ranges[i] == 1;
        if (isIdentity) return null;

        var scale = new double[inputSize];
        var shift = new double[inputSize];
        for (var i = 0; i < inputSize; i++)
        {
            scale[i] = NNetNormalisation.Scale(info.Ranges[i]);
            shift[i] = NNetNormalisation.Shift(info.Means[i], info.Ranges[i]);
        }
        return new ElementwiseAffineLayer(scale, shift, [inputSize], "nnet input normalisation");
    }

    private static ElementwiseAffineLayer? OutputDenormalisation(NNetInfo info, int outputSize)
    {
        // One mean and one range, the last entries, serve every output.
        double mean = info.Means[^1], range = info.Ranges[^1];
        if (mean == 0 && range == 1) return null;
        return new ElementwiseAffineLayer(Filled(outputSize, range), Filled(outputSize, mean), [outputSize], "nnet output denormalisation");
    }

    private static double[] Filled(int length, double value)
    {
        var values = new double[length];
        Array.Fill(values, value);
        return values;
    }

    private static bool IsUnreadable(Exception e) =>
        e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException;

    private static BadInputException CannotRead(string path, Exception e) =>
        e is UnauthorizedAccessException
            ? new BadInputException($"cannot read the file: {e.Message}", path, inner: e)
            : new BadInputException("file not found", path, inner: e);
}
