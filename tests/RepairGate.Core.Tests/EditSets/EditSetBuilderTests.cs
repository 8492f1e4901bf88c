using RepairGate.Core.Data;
using RepairGate.Core.EditSets;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using static RepairGate.Core.Tests.EditSets.EditSetFixtures;

namespace RepairGate.Core.Tests.EditSets;

public class EditSetBuilderTests
{
    private static Task<EditSet> Build(string spec, LabelledData? data = null, ImageShape? shape = null, int seed = 7, Network? model = null) =>
        EditSetBuilder.BuildAsync(EditSetSpec.Parse(spec), model ?? Identity2(), data ?? FourRows(), shape, seed, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Misclassified_points_are_the_wrong_ones_and_ties_count_as_wrong()
    {
        var set = await Build("misclassified");
        Assert.Equal(["four.csv row 1", "four.csv row 2"], set.Items.Select(i => i.Origin));
        Assert.All(set.Items, i => Assert.Equal(EditKind.Misclassified, i.Kind));
        Assert.Equal([0, 1], set.Items.Select(i => i.Label));
        Assert.Equal("misclassified", set.Name);
        Assert.Equal(new ValueRange(0, 2), set.Domain);
        Assert.Single((await Build("misclassified:1")).Items);
    }

    [Fact]
    public async Task Regions_surround_correctly_classified_points()
    {
        var set = await Build("region:0.05");
        Assert.Equal(["four.csv row 0", "four.csv row 3"], set.Items.Select(i => i.Origin));
        Assert.All(set.Items, i => Assert.Equal((EditKind.Region, 0.05), (i.Kind, i.Radius)));
    }

    [Fact]
    public async Task Classes_pick_rows_by_label_and_unknown_classes_are_rejected()
    {
        var set = await Build("classes:1");
        Assert.Equal([2, 3], set.Items.Select(i => int.Parse(i.Origin.Split(' ')[^1])));
        Assert.All(set.Items, i => Assert.Equal(EditKind.Class, i.Kind));
        var error = await Assert.ThrowsAsync<BadInputException>(() => Build("classes:1,5"));
        Assert.Contains("class 5 is not one of the model's 2 classes", error.Message);
    }

    [Fact]
    public async Task Data_that_does_not_fit_the_model_is_rejected()
    {
        var wide = LabelledData.Create([[1, 2, 3]], [0], "wide.csv");
        Assert.Contains("3 values per row but model identity2.onnx takes 2", (await Assert.ThrowsAsync<BadInputException>(() => Build("misclassified", wide))).Message);
        var label = LabelledData.Create([[1, 2]], [4], "l.csv");
        Assert.Contains("label 4 is not one of the model's 2 classes", (await Assert.ThrowsAsync<BadInputException>(() => Build("misclassified", label))).Message);
    }

    private static LabelledData Images() => LabelledData.Create(
        [
            [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], // a single bright pixel at (1,1) of a 4x4 image
            [0.2, 0.4, 0.6, 0.8, 0.2, 0.4, 0.6, 0.8, 0.2, 0.4, 0.6, 0.8, 0.2, 0.4, 0.6, 0.8],
        ], [0, 1], "img.idx");

    private static readonly ImageShape Shape4 = new(1, 4, 4);

    private static Network Flat16() => new([new AffineLayer(Enumerable.Range(0, 32).Select(i => i % 17 == 0 ? 1.0 : 0.0).ToArray(), [0, 0], [16], [2], "out")],
        new NetworkIo("X", [1, 16], "Y", [1, 2]), "flat16.onnx");

    [Fact]
    public async Task Brightness_adds_the_severity_and_clips_to_the_domain()
    {
        var set = await Build("corrupted:brightness:0.3", Images(), model: Flat16());
        Assert.Equal(1.0, set.Items[0].Input[5]);
        Assert.Equal(0.3, set.Items[0].Input[0], 12);
        Assert.Equal(1.0, set.Items[1].Input[3]); // 0.8 + 0.3 clipped
        Assert.Equal("img.idx row 1, brightness 0.3", set.Items[1].Origin);
        Assert.Equal([0, 1], set.Items.Select(i => i.Label));
    }

    [Fact]
    public async Task Blur_averages_the_window_around_each_pixel()
    {
        // severity 0.3 → radius ⌈0.9⌉ = 1: a 3x3 box cut at the border.
        var x = (await Build("corrupted:blur:0.3", Images(), Shape4, model: Flat16())).Items[0].Input;
        Assert.Equal(1 / 4.0, x[0], 12);   // corner (0,0): 2x2 window holds the bright pixel
        Assert.Equal(1 / 9.0, x[5], 12);   // (1,1): full 3x3 window
        Assert.Equal(1 / 6.0, x[2], 12);   // (0,2): 2x3 window
        Assert.Equal(0.0, x[15]);          // (3,3): far away
    }

    [Fact]
    public async Task Noise_and_fog_are_seeded_per_row_clipped_and_independent_of_the_cap()
    {
        foreach (var spec in new[] { "corrupted:noise:0.2", "corrupted:fog:0.5" })
        {
            var a = await Build(spec, Images(), Shape4, seed: 1, model: Flat16());
            var again = await Build(spec, Images(), Shape4, seed: 1, model: Flat16());
            var other = await Build(spec, Images(), Shape4, seed: 2, model: Flat16());
            var capped = await Build(spec + ":1", Images(), Shape4, seed: 1, model: Flat16());
            Assert.Equal(a.Items.Select(i => i.Input), again.Items.Select(i => i.Input));
            Assert.NotEqual(a.Items[0].Input, other.Items[0].Input);
            Assert.Equal(a.Items[0].Input, capped.Items.Single().Input);
            Assert.All(a.Items, i => Assert.All(i.Input, v => Assert.InRange(v, 0.0, 1.0)));
        }
        // Fog blends towards a bright haze: x(1-s) + haze·s with haze in [0.5, 1] on a [0, 1] domain.
        var fog = (await Build("corrupted:fog:0.5", Images(), Shape4, model: Flat16())).Items[0].Input;
        Assert.All(fog.Where((_, i) => i != 5), v => Assert.InRange(v, 0.25, 0.5));
    }

    [Fact]
    public async Task Blur_and_fog_without_an_image_shape_are_clear_errors()
    {
        var error = await Assert.ThrowsAsync<BadInputException>(() => Build("corrupted:fog:0.3", Images(), model: Flat16()));
        Assert.Contains("fog needs the image shape", error.Message);
        var wrong = await Assert.ThrowsAsync<BadInputException>(() => Build("corrupted:blur:0.3", Images(), new ImageShape(1, 3, 3), model: Flat16()));
        Assert.Contains("the image shape 1x3x3 has 9 values but the inputs have 16", wrong.Message);
    }

    [Fact]
    public void Split_is_seeded_stable_and_keeps_the_order()
    {
        var set = new EditSet("s", Enumerable.Range(0, 10).Select(i => new EditItem([i], 0, EditKind.Class, $"row {i}")).ToArray()) { Domain = new ValueRange(0, 9) };
        var split = EditSetBuilder.Split(set, 0.3, 5);
        Assert.Equal(3, split.HeldOut.Count);
        Assert.Equal(7, split.Repair.Count);
        Assert.Equal(Enumerable.Range(0, 10), split.Repair.Items.Concat(split.HeldOut.Items).Select(i => (int)i.Input[0]).Order());
        Assert.True(split.Repair.Items.Select(i => i.Input[0]).SequenceEqual(split.Repair.Items.Select(i => i.Input[0]).Order()));
        Assert.Equal(split.HeldOut.Items, EditSetBuilder.Split(set, 0.3, 5).HeldOut.Items);
        Assert.NotEqual(split.HeldOut.Items, EditSetBuilder.Split(set, 0.3, 6).HeldOut.Items);
        Assert.Equal(set.Domain, split.HeldOut.Domain);
        Assert.Empty(EditSetBuilder.Split(set, 0, 5).HeldOut.Items);
        Assert.Equal(2, EditSetBuilder.Split(set, 0.15, 5).HeldOut.Count); // round(1.5) = 2
        Assert.Throws<BadInputException>(() => EditSetBuilder.Split(set, 1.5, 5));
    }

    [Fact]
    public async Task A_saved_set_reads_back_as_a_file_spec()
    {
        var ct = TestContext.Current.CancellationToken;
        var set = await Build("corrupted:noise:0.1", Images(), model: Flat16());
        var path = Path.Combine(TestData.TempFolder(), "edits.csv");
        await EditSetCsv.WriteAsync(set, path, cancellationToken: ct);
        var back = await EditSetBuilder.BuildAsync(EditSetSpec.Parse("file:" + path), Flat16(), FourRows(), null, 1, ct);
        Assert.Equal(set.Items.Select(i => i.Input), back.Items.Select(i => i.Input));
        Assert.Equal(set.Items.Select(i => i.Label), back.Items.Select(i => i.Label));
        Assert.All(back.Items, i => Assert.Equal(EditKind.Class, i.Kind));
        Assert.Equal("edits.csv row 1", back.Items[1].Origin);
        var wrongModel = await Assert.ThrowsAsync<BadInputException>(() => EditSetBuilder.BuildAsync(EditSetSpec.Parse("file:" + path), Identity2(), FourRows(), null, 1, ct));
        Assert.Equal(path, wrongModel.File);
    }

    [Fact]
    public async Task Fashion_mnist_misclassified_points_agree_with_an_independent_evaluation()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = await OnnxModelLoader.LoadAsync(TestData.FashionMnistModel, ct);
        var data = (await DatasetLoader.LoadAsync(TestData.FashionMnistTest1000, cancellationToken: ct)).Data;
        var set = await EditSetBuilder.BuildAsync(EditSetSpec.Parse("misclassified"), model, data, null, 1, ct);
        // RepairGate's own float32 evaluator as the second opinion (OnnxRuntime built the set).
        var wrong = Enumerable.Range(0, data.Count).Where(i =>
        {
            var y = model.Evaluate(data.Inputs[i].Select(v => (float)v).ToArray());
            return Array.IndexOf(y, y.Max()) != data.Labels[i];
        }).ToArray();
        Assert.InRange(set.Count, 80, 200); // ~87 % accuracy
        Assert.True(Math.Abs(set.Count - wrong.Length) <= 1, $"{set.Count} misclassified by OnnxRuntime, {wrong.Length} by the evaluator");
        Assert.Equal($"t10k-first1000-images-idx3-ubyte.gz row {wrong[0]}", set.Items[0].Origin);
    }
}
