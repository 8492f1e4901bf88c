using RepairGate.Core.Data;
using RepairGate.Core.EditSets;

namespace RepairGate.Core.Tests.Data;

public class DatasetLoaderTests
{
    private static LabelledData Csv(string text, CsvLayout? layout = null, Normalisation? norm = null) =>
        DatasetLoader.ParseCsv(text, "t.csv", layout ?? CsvLayout.Default, norm ?? Normalisation.Identity);

    private static BadInputException CsvError(string text, CsvLayout? layout = null) =>
        Assert.Throws<BadInputException>(() => Csv(text, layout));

    [Fact]
    public async Task Idx_subsets_load_in_unit_range_with_their_shape()
    {
        var test = await DatasetLoader.LoadAsync(TestData.FashionMnistTest1000, cancellationToken: TestContext.Current.CancellationToken);
        var train = await DatasetLoader.LoadAsync(TestData.FashionMnistTrain2000 + "-images-idx3-ubyte.gz", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1000, test.Data.Count);
        Assert.Equal(2000, train.Data.Count);
        Assert.Equal(new ImageShape(1, 28, 28), test.Shape);
        Assert.Equal(784, test.Data.InputSize);
        Assert.Equal(10, test.Data.ClassCount);
        Assert.All(test.Data.Inputs.Take(50), x => Assert.All(x, v => Assert.InRange(v, 0.0, 1.0)));
        // The first 100 are exactly the committed 100-image subset, scaled by 1/255.
        var first100 = IdxFile.Load(TestData.FashionMnistImages);
        Assert.Equal(first100.Scaled(99), test.Data.Inputs[99]);
        Assert.Equal(IdxFile.Load(TestData.FashionMnistLabels).Values.Select(v => (int)v), test.Data.Labels.Take(100));
        Assert.Equal(99, test.Data.Rows[99]);
    }

    [Fact]
    public async Task Idx_normalisation_applies_scale_then_mean_and_std()
    {
        var norm = Normalisation.UnitBytes with { Mean = [0.5], Std = [0.25] };
        var data = (await DatasetLoader.LoadIdxAsync(TestData.Path("fmnist"), "t10k-first100", norm, TestContext.Current.CancellationToken)).Data;
        var raw = IdxFile.Load(TestData.FashionMnistImages).Values;
        Assert.Equal((raw[5] / 255.0 - 0.5) / 0.25, data.Inputs[0][5], 12);
    }

    [Fact]
    public async Task A_missing_idx_prefix_or_folder_is_a_clear_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var missing = await Assert.ThrowsAsync<BadInputException>(() => DatasetLoader.LoadAsync(TestData.FashionMnist("nope"), cancellationToken: ct));
        Assert.Contains("no such data file", missing.Message);
        var folder = await Assert.ThrowsAsync<BadInputException>(() => DatasetLoader.LoadAsync(TestData.Path("fmnist"), cancellationToken: ct));
        Assert.Contains("needs the IDX prefix", folder.Message);
    }

    [Fact]
    public async Task Idx_labels_that_do_not_match_the_images_are_rejected()
    {
        var folder = TestData.TempFolder();
        File.Copy(TestData.FashionMnistImages, Path.Combine(folder, "x-images-idx3-ubyte.gz"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "x-labels-idx1-ubyte"), IdxFile.ToBytes(new IdxArray([3], [1, 2, 3]), gzip: false), TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<BadInputException>(() => DatasetLoader.LoadAsync(Path.Combine(folder, "x"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("expected 100 labels", error.Message);
        Assert.EndsWith("x-labels-idx1-ubyte", error.File);
    }

    [Fact]
    public void Csv_with_header_and_label_by_name()
    {
        var data = Csv("a,cls,b\n1,2,3\n4,0,6.5\n", new CsvLayout("cls"));
        Assert.Equal([2, 0], data.Labels);
        Assert.Equal(new[] { 1.0, 3.0 }, data.Inputs[0]);
        Assert.Equal(new[] { 4.0, 6.5 }, data.Inputs[1]);
        Assert.Equal([0, 1], data.Rows);
    }

    [Fact]
    public void Csv_without_header_label_by_index_and_scaled()
    {
        var data = Csv("10,20,1\n\n30,40,3.0\n", new CsvLayout("-1"), new Normalisation(0.1, [1.0, 2.0]));
        Assert.Equal([1, 3], data.Labels);
        Assert.Equal(new[] { 0.0, 0.0 }, data.Inputs[0]);
        Assert.Equal(new[] { 2.0, 2.0 }, data.Inputs[1]);
    }

    [Fact]
    public void Csv_header_is_detected_and_can_be_forced()
    {
        Assert.Equal(2, Csv("label,x\n1,2\n0,5\n").Count);
        Assert.Equal(3, Csv("1,2\n0,5\n1,1\n").Count);
        var forced = CsvError("1,2\n0,x\n", new CsvLayout(HasHeader: false));
        Assert.Equal((2, 3), (forced.Line, forced.Column));
    }

    [Fact]
    public void Csv_errors_name_line_and_column()
    {
        var text = CsvError("label,a,b\n1,0.5,0.25\n2, abc ,1\n");
        Assert.Equal("t.csv(3,4): 'abc' is not a finite number", text.Message);

        var ragged = CsvError("label,a,b\n1,2,3\n1,2\n");
        Assert.Equal((3, 4), (ragged.Line, ragged.Column));
        Assert.Contains("row has 2 cells but the header has 3", ragged.Message);

        var extra = CsvError("1,2,3\n1,2,3,4\n");
        Assert.Equal((2, 7), (extra.Line, extra.Column));
        Assert.Contains("the first row has 3", extra.Message);

        var negative = CsvError("label,a\n-1,2\n");
        Assert.Equal((2, 1), (negative.Line, negative.Column));
        Assert.Contains("must be a non-negative integer", negative.Message);

        var fraction = CsvError("label,a\n1.5,2\n");
        Assert.Contains("'1.5' must be a non-negative integer", fraction.Message);

        Assert.Contains("no column named 'y'", CsvError("label,a\n1,2\n", new CsvLayout("y")).Message);
        Assert.Contains("no header row", CsvError("1,2\n", new CsvLayout("y")).Message);
        Assert.Contains("out of range", CsvError("1,2\n", new CsvLayout("5")).Message);
        Assert.Contains("no rows", CsvError("\n\n").Message);
        Assert.Contains("unterminated quoted cell", CsvError("\"label,a\n1,2\n").Message);
        Assert.Contains("not a finite number", CsvError("1,NaN\n").Message);
    }

    [Fact]
    public void Normalisation_parses_fractions_and_rejects_bad_std()
    {
        var norm = Normalisation.Parse("1/255;mean=0.5;std=0.25,0.5");
        Assert.Equal((1.0, 255.0), (norm.Scale, norm.Divisor));
        Assert.Equal((255 / 255.0 - 0.5) / 0.5, norm.Apply(255, 1), 12);
        Assert.Throws<BadInputException>(() => Normalisation.Parse("abc"));
        Assert.Contains("std", Assert.Throws<BadInputException>(() => new Normalisation(1, null, [0.0]).Validate(3, "f")).Message);
        Assert.Contains("one per feature (3)", Assert.Throws<BadInputException>(() => new Normalisation(1, [1.0, 2.0]).Validate(3, "f")).Message);
    }

    [Fact]
    public async Task Csv_files_load_from_disk_and_missing_ones_are_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(TestData.TempFolder(), "d.csv");
        await File.WriteAllTextAsync(path, "y,a\n3,0.5\n", ct);
        var loaded = await DatasetLoader.LoadAsync(path, cancellationToken: ct);
        Assert.Null(loaded.Shape);
        Assert.Equal([3], loaded.Data.Labels);
        Assert.Equal(path, loaded.Data.Source);
    }
}
