using RepairGate.Core.Data;

namespace RepairGate.Core.Tests.Data;

public class IdxFileTests
{
    [Fact]
    public void Committed_fashion_mnist_subset_has_100_images_and_labels()
    {
        var images = IdxFile.Load(TestData.FashionMnistImages);
        var labels = IdxFile.Load(TestData.FashionMnistLabels);
        Assert.Equal([100, 28, 28], images.Shape);
        Assert.Equal(784, images.ItemSize);
        Assert.Equal([100], labels.Shape);
        Assert.All(labels.Values, v => Assert.InRange(v, 0, 9));
        var pixels = images.Scaled(0);
        Assert.All(pixels, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Contains(pixels, v => v > 0.5); // an actual picture, not blank
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Written_files_read_back_identically(bool gzip)
    {
        var array = new IdxArray([3, 2, 2], Enumerable.Range(0, 12).Select(i => (byte)(i * 20)).ToArray());
        var back = IdxFile.Parse(IdxFile.ToBytes(array, gzip), "memory");
        Assert.Equal(array.Shape, back.Shape);
        Assert.Equal(array.Values, back.Values);
        Assert.Equal(new byte[] { 80, 100, 120, 140 }, back.Take(2).Values.AsSpan(4).ToArray());
    }

    [Fact]
    public void Bad_magic_is_rejected_with_the_file_name()
    {
        var bytes = IdxFile.ToBytes(new IdxArray([2], [1, 2]), gzip: false);
        bytes[0] = 7;
        var error = Assert.Throws<BadInputException>(() => IdxFile.Parse(bytes, "labels.idx"));
        Assert.StartsWith("labels.idx: not an IDX file", error.Message);
    }

    [Fact]
    public void Unsupported_element_types_are_rejected()
    {
        var bytes = IdxFile.ToBytes(new IdxArray([2], [1, 2]), gzip: false);
        bytes[2] = 0x0D; // float
        Assert.Contains("element type 0x0d", Assert.Throws<BadInputException>(() => IdxFile.Parse(bytes, "x.idx")).Message);
    }

    [Fact]
    public void A_size_that_does_not_match_the_shape_is_rejected()
    {
        var bytes = IdxFile.ToBytes(new IdxArray([4, 3], new byte[12]), gzip: false);
        var error = Assert.Throws<BadInputException>(() => IdxFile.Parse(bytes[..^1], "images.idx"));
        Assert.Contains("needs 12 data bytes but the file has 11", error.Message);
    }

    [Fact]
    public void Corrupt_gzip_is_rejected()
    {
        var bytes = IdxFile.ToBytes(new IdxArray([100], new byte[100]));
        bytes[12] ^= 0xFF;
        bytes[13] ^= 0xFF;
        Assert.Throws<BadInputException>(() => IdxFile.Parse(bytes, "broken.gz"));
    }

    [Fact]
    public async Task A_missing_data_file_names_what_is_missing()
    {
        var folder = TestData.TempFolder();
        var error = await Assert.ThrowsAsync<BadInputException>(() => LabelledImages.LoadAsync(folder, "train", TestContext.Current.CancellationToken));
        Assert.Contains("missing train-images-idx3-ubyte.gz", error.Message);
    }
}
