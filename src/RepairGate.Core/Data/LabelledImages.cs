namespace RepairGate.Core.Data;

/// <summary>Images with their class labels, e.g. one split of Fashion-MNIST.</summary>
public sealed record LabelledImages(IdxArray Images, IdxArray Labels)
{
    public int Count => Images.Count;
    public int PixelCount => Images.ItemSize;

    /// <summary>Loads <c>PREFIX-images-idx3-ubyte[.gz]</c> and <c>PREFIX-labels-idx1-ubyte[.gz]</c> from a folder.</summary>
    public static async Task<LabelledImages> LoadAsync(string folder, string prefix, CancellationToken cancellationToken = default)
    {
        var images = await IdxFile.LoadAsync(Find(folder, $"{prefix}-images-idx3-ubyte"), cancellationToken).ConfigureAwait(false);
        var labelsPath = Find(folder, $"{prefix}-labels-idx1-ubyte");
        var labels = await IdxFile.LoadAsync(labelsPath, cancellationToken).ConfigureAwait(false);
        if (labels.Shape.Length != 1 || labels.Count != images.Count)
            throw new BadInputException($"expected {images.Count} labels in one dimension, found shape [{string.Join(", ", labels.Shape)}]", labelsPath);
        return new LabelledImages(images, labels);
    }

    public int Label(int index) => Labels.Values[index];

    public LabelledImages Take(int count) => new(Images.Take(Math.Min(count, Count)), Labels.Take(Math.Min(count, Count)));

    private static string Find(string folder, string name)
    {
        foreach (var candidate in new[] { name + ".gz", name })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        throw new BadInputException($"missing {name}.gz (or {name}) in the data folder", folder);
    }
}
