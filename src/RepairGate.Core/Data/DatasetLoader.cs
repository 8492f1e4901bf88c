using System.Globalization;
using RepairGate.Core.EditSets;

namespace RepairGate.Core.Data;

/// <summary>
/// Loads labelled classifier data into model units: an IDX image/label pair (MNIST / Fashion-MNIST format, gzip or
/// not) or a CSV table (a label column and numeric features). Bad files raise <see cref="BadInputException"/> naming
/// the file and, for CSV, the line and column.
/// </summary>
public static class DatasetLoader
{
    private const string ImagesSuffix = "-images-idx3-ubyte";

    /// <summary>
    /// Loads <paramref name="path"/>: a CSV file, an IDX pair given by its prefix path (<c>DIR/t10k</c> for
    /// <c>DIR/t10k-images-idx3-ubyte[.gz]</c> and <c>DIR/t10k-labels-idx1-ubyte[.gz]</c>) or by its images file.
    /// <paramref name="normalisation"/> defaults to <see cref="Normalisation.UnitBytes"/> for IDX and
    /// <see cref="Normalisation.Identity"/> for CSV.
    /// </summary>
    public static async Task<Dataset> LoadAsync(string path, Normalisation? normalisation = null, CsvLayout? csv = null, CancellationToken cancellationToken = default)
    {
        if (IdxPrefix(path) is var (folder, prefix))
            return await LoadIdxAsync(folder, prefix, normalisation, cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(path))
            throw new BadInputException($"a data folder needs the IDX prefix too, e.g. {Path.Combine(path, "t10k")} for t10k{ImagesSuffix}.gz", path);
        if (!File.Exists(path))
            throw new BadInputException($"no such data file: neither a CSV file nor an IDX prefix (PREFIX{ImagesSuffix}[.gz] beside PREFIX-labels-idx1-ubyte[.gz])", path);
        return new Dataset(await LoadCsvAsync(path, csv, normalisation, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Loads <c>PREFIX-images-idx3-ubyte[.gz]</c> and <c>PREFIX-labels-idx1-ubyte[.gz]</c> from <paramref name="folder"/> (default scaling 1/255).</summary>
    public static async Task<Dataset> LoadIdxAsync(string folder, string prefix, Normalisation? normalisation = null, CancellationToken cancellationToken = default)
    {
        var images = await LabelledImages.LoadAsync(folder, prefix, cancellationToken).ConfigureAwait(false);
        var source = ImagesPath(folder, prefix);
        if (images.Images.Shape.Length < 2)
            throw new BadInputException($"expected images of shape [count, rows, columns], found [{string.Join(", ", images.Images.Shape)}]", source);
        var norm = normalisation ?? Normalisation.UnitBytes;
        var size = images.PixelCount;
        norm.Validate(size, source);
        var inputs = new double[images.Count][];
        var raw = images.Images.Values;
        for (var n = 0; n < inputs.Length; n++)
        {
            var x = inputs[n] = new double[size];
            for (var i = 0; i < size; i++) x[i] = norm.Apply(raw[n * size + i], i);
        }
        var labels = images.Labels.Values.Select(v => (int)v).ToArray();
        var shape = images.Images.Shape switch
        {
            [_, var h, var w] => new ImageShape(1, h, w),
            [_, var c, var h, var w] => new ImageShape(c, h, w),
            _ => null,
        };
        return new Dataset(LabelledData.Create(inputs, labels, source), shape);
    }

    /// <summary>
    /// Loads a CSV table: one row per item, the label column (see <see cref="CsvLayout"/>) a non-negative integer and every
    /// other column a number. Errors name the line and column of the bad cell (non-numeric, missing or extra cells,
    /// negative or fractional labels).
    /// </summary>
    public static async Task<LabelledData> LoadCsvAsync(string path, CsvLayout? layout = null, Normalisation? normalisation = null, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read the CSV file: {e.Message}", path, inner: e);
        }
        return ParseCsv(text, path, layout ?? CsvLayout.Default, normalisation ?? Normalisation.Identity, cancellationToken);
    }

    /// <summary>Parses CSV text; <paramref name="path"/> names it in errors and in <see cref="LabelledData.Source"/>.</summary>
    public static LabelledData ParseCsv(string text, string path, CsvLayout layout, Normalisation normalisation, CancellationToken cancellationToken = default)
    {
        using var reader = new StringReader(text);
        var rows = CsvTable.Read(reader, path).ToList();
        if (rows.Count == 0) throw new BadInputException("the CSV file has no rows", path);
        var header = layout.HasHeader ?? rows[0].Cells.Any(c => !IsNumber(c.Text));
        var width = rows[0].Cells.Count;
        var labelColumn = LabelColumn(layout.LabelColumn, header ? rows[0] : null, width, path);
        var body = header ? rows.Skip(1).ToList() : rows;
        if (body.Count == 0) throw new BadInputException("the CSV file has a header but no data rows", path, rows[0].Line, 1);
        if (width < 2) throw new BadInputException("a CSV row needs a label and at least one feature", path, rows[0].Line, 1);
        normalisation.Validate(width - 1, path);

        var inputs = new double[body.Count][];
        var labels = new int[body.Count];
        for (var r = 0; r < body.Count; r++)
        {
            if ((r & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            var row = body[r];
            if (row.Cells.Count != width)
            {
                var column = row.Cells.Count > width ? row.Cells[width].Column : row.Cells[^1].Column + row.Cells[^1].Text.Length;
                throw new BadInputException($"row has {row.Cells.Count} cells but the {(header ? "header" : "first row")} has {width}", path, row.Line, column);
            }
            var x = inputs[r] = new double[width - 1];
            for (int c = 0, feature = 0; c < width; c++)
            {
                var cell = row.Cells[c];
                if (!double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                    throw new BadInputException($"'{cell.Text}' is not a {(c == labelColumn ? "class label" : "finite number")}", path, row.Line, cell.Column);
                if (c == labelColumn)
                {
                    if (value < 0 || value != Math.Floor(value) || value > int.MaxValue)
                        throw new BadInputException($"the class label '{cell.Text}' must be a non-negative integer", path, row.Line, cell.Column);
                    labels[r] = (int)value;
                    continue;
                }
                x[feature] = normalisation.Apply(value, feature);
                feature++;
            }
        }
        return new LabelledData(inputs, labels, path, body.Select((_, i) => i).ToArray());
    }

    private static int LabelColumn(string? spec, CsvRow? header, int width, string path)
    {
        if (spec is null) return 0;
        if (int.TryParse(spec, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index)
            && (header is null || !header.Cells.Any(c => c.Text == spec)))
        {
            var k = index < 0 ? width + index : index;
            if (k < 0 || k >= width) throw new BadInputException($"label column {index} is out of range: the rows have {width} columns", path);
            return k;
        }
        if (header is null) throw new BadInputException($"label column '{spec}' is a name, but the CSV file has no header row", path);
        var found = header.Cells.Select((c, i) => (c.Text, i)).Where(p => string.Equals(p.Text, spec, StringComparison.Ordinal)).Select(p => p.i).ToArray();
        return found.Length switch
        {
            1 => found[0],
            0 => throw new BadInputException($"no column named '{spec}' in the header ({string.Join(", ", header.Cells.Take(8).Select(c => c.Text))}{(header.Cells.Count > 8 ? ", ..." : "")})", path, header.Line, 1),
            _ => throw new BadInputException($"{found.Length} columns are named '{spec}'", path, header.Line, header.Cells[found[1]].Column),
        };
    }

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>(folder, prefix) when <paramref name="path"/> names an IDX pair by prefix or images file; else null.</summary>
    private static (string Folder, string Prefix)? IdxPrefix(string path)
    {
        var name = Path.GetFileName(path);
        var folder = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
        foreach (var suffix in new[] { ImagesSuffix + ".gz", ImagesSuffix })
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
                return (folder, name[..^suffix.Length]);
        if (name.Length > 0 && (File.Exists(path + ImagesSuffix + ".gz") || File.Exists(path + ImagesSuffix))) return (folder, name);
        return null;
    }

    private static string ImagesPath(string folder, string prefix)
    {
        var plain = Path.Combine(folder, prefix + ImagesSuffix);
        return File.Exists(plain + ".gz") ? plain + ".gz" : plain;
    }
}
