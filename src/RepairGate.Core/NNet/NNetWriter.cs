using System.Globalization;
using System.Text;
using RepairGate.Core.Model;

namespace RepairGate.Core.NNet;

/// <summary>
/// Writes a network back to the NNet text format. The network must be
/// [ElementwiseAffine] → Affine (→ ReLU → Affine)* → [ElementwiseAffine with uniform scale and shift],
/// which is what <see cref="NNetReader"/> produces; anything else is a <see cref="BadInputException"/>.
/// </summary>
/// <remarks>
/// Numbers use the shortest round-trip form ("R"), so reading the file back gives the same doubles.
/// Means and ranges are derived from the normalisation layers, choosing values that read back to exactly the
/// same scale and shift when such values exist (always for layers that came from an NNet file).
/// Input bounds and header comments come from the <see cref="NNetInfo"/> in <see cref="Network.Source"/>;
/// without one the bounds are ±<see cref="double.MaxValue"/> (no clamping). Output is deterministic.
/// </remarks>
public static class NNetWriter
{
    /// <summary>Writes <paramref name="network"/> as NNet text to <paramref name="writer"/>.</summary>
    public static void Write(Network network, TextWriter writer) => Write(NNetLayout.Of(network), writer);

    /// <summary>
    /// Writes <paramref name="network"/> to <paramref name="path"/> atomically: to a temporary file in the same
    /// folder, then moved over the target, so readers never see a half-written file.
    /// </summary>
    public static void Save(Network network, string path)
    {
        var layout = NNetLayout.Of(network); // fails before any file is touched
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? ".";
        var tempPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                Write(layout, writer);
                writer.Flush();
                stream.Flush(flushToDisk: true); // the rename must not overtake the data
            }
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(tempPath);
            if (e is DirectoryNotFoundException or UnauthorizedAccessException)
                throw new BadInputException($"cannot write the file: {e.Message}", path, inner: e);
            throw;
        }
    }

    private static void Write(NNetLayout layout, TextWriter writer)
    {
        var sizes = layout.LayerSizes;
        foreach (var comment in layout.HeaderComments)
            foreach (var line in comment.Split('\n'))
                writer.Write($"//{line.TrimEnd('\r')}\n");
        WriteLine(writer, [sizes.Length - 1, sizes[0], sizes[^1], sizes.Max()]);
        WriteLine(writer, sizes);
        writer.Write("0,\n"); // the unused flag
        WriteLine(writer, layout.Minimums);
        WriteLine(writer, layout.Maximums);
        WriteLine(writer, layout.Means);
        WriteLine(writer, layout.Ranges);
        foreach (var affine in layout.Affines)
        {
            var columns = affine.InputSize;
            for (var row = 0; row < affine.OutputSize; row++)
                WriteLine(writer, affine.Weights.AsSpan(row * columns, columns));
            foreach (var bias in affine.Bias)
                WriteLine(writer, [bias]);
        }
    }

    // "\n" rather than WriteLine: the text must not depend on the platform.
    private static void WriteLine(TextWriter writer, ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
            writer.Write(',');
        }
        writer.Write('\n');
    }

    private static void WriteLine(TextWriter writer, ReadOnlySpan<int> values)
    {
        foreach (var value in values)
        {
            writer.Write(value.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
        }
        writer.Write('\n');
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
