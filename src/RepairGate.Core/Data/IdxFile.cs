using System.Buffers.Binary;
using System.IO.Compression;

namespace RepairGate.Core.Data;

/// <summary>
/// An unsigned-byte IDX array (the MNIST / Fashion-MNIST format): a shape and the values in row-major order.
/// Images are [count, rows, columns], labels [count].
/// </summary>
public sealed record IdxArray(int[] Shape, byte[] Values)
{
    /// <summary>Number of items along the first dimension.</summary>
    public int Count => Shape[0];

    /// <summary>Values per item (784 for a 28x28 image, 1 for a label).</summary>
    public int ItemSize => Shape.Skip(1).Aggregate(1, (a, b) => a * b);

    /// <summary>Item <paramref name="index"/> scaled from 0..255 to [0, 1].</summary>
    public double[] Scaled(int index) =>
        Values.AsSpan(index * ItemSize, ItemSize).ToArray().Select(v => v / 255.0).ToArray();

    /// <summary>The first <paramref name="count"/> items.</summary>
    public IdxArray Take(int count) =>
        new([count, .. Shape.Skip(1)], Values.AsSpan(0, count * ItemSize).ToArray());
}

/// <summary>
/// Reads and writes IDX files, gzip-compressed (detected by the gzip signature) or plain. Only the unsigned-byte
/// element type (0x08) is supported, which is what the image and label files use.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByte = 0x08;

    public static async Task<IdxArray> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read the IDX file: {e.Message}", path, inner: e);
        }
        return Parse(bytes, path);
    }

    public static IdxArray Load(string path) => LoadAsync(path).GetAwaiter().GetResult();

    /// <summary>Parses an IDX image (gzip or plain); <paramref name="path"/> names it in errors.</summary>
    public static IdxArray Parse(byte[] bytes, string path)
    {
        if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) bytes = Gunzip(bytes, path);
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new BadInputException("not an IDX file: the magic number must start with two zero bytes", path);
        if (bytes[2] != UnsignedByte)
            throw new BadInputException($"unsupported IDX element type 0x{bytes[2]:x2}; only unsigned bytes (0x08) are supported", path);
        int rank = bytes[3];
        if (rank == 0) throw new BadInputException("the IDX file declares zero dimensions", path);
        var header = 4 + 4 * rank;
        if (bytes.Length < header) throw new BadInputException($"the IDX header needs {header} bytes but the file has {bytes.Length}", path);
        var shape = new int[rank];
        long size = 1;
        for (var d = 0; d < rank; d++)
        {
            var dimension = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (dimension < 0) throw new BadInputException($"dimension {d} of the IDX file is negative ({dimension})", path);
            shape[d] = dimension;
            size *= dimension;
        }
        if (bytes.Length - header != size)
            throw new BadInputException($"the IDX shape [{string.Join(", ", shape)}] needs {size} data bytes but the file has {bytes.Length - header}", path);
        return new IdxArray(shape, bytes.AsSpan(header).ToArray());
    }

    /// <summary>The IDX bytes of <paramref name="array"/>, gzip-compressed when <paramref name="gzip"/>.</summary>
    public static byte[] ToBytes(IdxArray array, bool gzip = true)
    {
        var raw = new byte[4 + 4 * array.Shape.Length + array.Values.Length];
        raw[2] = UnsignedByte;
        raw[3] = (byte)array.Shape.Length;
        for (var d = 0; d < array.Shape.Length; d++) BinaryPrimitives.WriteInt32BigEndian(raw.AsSpan(4 + 4 * d), array.Shape[d]);
        array.Values.CopyTo(raw, 4 + 4 * array.Shape.Length);
        if (!gzip) return raw;
        using var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) zip.Write(raw);
        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] bytes, string path)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new BadInputException($"corrupt gzip data: {e.Message}", path, inner: e);
        }
    }
}
