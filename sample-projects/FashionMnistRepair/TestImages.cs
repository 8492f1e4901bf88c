using System.Buffers.Binary;
using System.IO.Compression;

namespace FashionMnistRepair;

/// <summary>Fashion-MNIST images and labels from gzip IDX files, pixels scaled to [0, 1] as the model expects.</summary>
public sealed record TestImages(float[][] Pixels, int[] Labels)
{
    public int Count => Labels.Length;

    public static TestImages Load(string imagesPath, string labelsPath)
    {
        var images = Gunzip(imagesPath);
        var labels = Gunzip(labelsPath);
        var count = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(4));
        var size = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(8)) * BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(12));
        var pixels = new float[count][];
        for (var n = 0; n < count; n++)
        {
            pixels[n] = new float[size];
            for (var i = 0; i < size; i++) pixels[n][i] = (float)(images[16 + n * size + i] / 255.0);
        }
        return new TestImages(pixels, labels.AsSpan(8, count).ToArray().Select(b => (int)b).ToArray());
    }

    private static byte[] Gunzip(string path)
    {
        using var zip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        zip.CopyTo(memory);
        return memory.ToArray();
    }
}
