using RepairGate.Core.EditSets;
using RepairGate.Core.Specs;

namespace RepairGate.Core.Tests.EditSets;

public class EditSetVnnLibTests
{
    [Fact]
    public async Task Items_are_written_as_robustness_properties_clipped_to_the_domain()
    {
        var ct = TestContext.Current.CancellationToken;
        var set = new EditSet("region:0.1", [
            new EditItem([0.05, 0.5, 0.95], 2, EditKind.Region, "row 4", 0.1),
            new EditItem([0.3, 0.2, 0.1], 0, EditKind.Misclassified, "row 9"),
        ]) { Domain = new ValueRange(0, 1) };
        var folder = TestData.TempFolder();
        var paths = await EditSetVnnLib.WriteAsync(set, folder, classes: 3, ct);
        Assert.Equal(["edit0000_region_eps0.1.vnnlib", "edit0001_misclassified.vnnlib"], paths.Select(Path.GetFileName));
        Assert.Equal(2, Directory.GetFiles(folder).Length); // no temporary files left behind

        var region = await VnnLibParser.LoadAsync(paths[0], ct);
        var box = region.Cases.Single().Input;
        Assert.Equal(new[] { 0.0, 0.4, 0.85 }, box.Lower.Select(v => Math.Round(v, 12)));
        Assert.Equal(new[] { 0.15, 0.6, 1.0 }, box.Upper.Select(v => Math.Round(v, 12)));
        var unsafeSets = region.Cases.Single().UnsafeOutputs;
        Assert.Equal(2, unsafeSets.Count);
        Assert.True(region.Cases[0].IsUnsafe([0, 1, 1]));   // class 1 ties class 2
        Assert.False(region.Cases[0].IsUnsafe([0, 1, 1.5]));

        var point = await VnnLibParser.LoadAsync(paths[1], ct);
        Assert.Equal(point.Cases[0].Input.Lower, point.Cases[0].Input.Upper);
        Assert.Equal(new[] { 0.3, 0.2, 0.1 }, point.Cases[0].Input.Lower);
        Assert.Contains("row 9", await File.ReadAllTextAsync(paths[1], ct));

        // The in-memory property matches the written one.
        var memory = EditSetVnnLib.ToProperty(set.Items[0], 3, set.Domain, "x.vnnlib");
        Assert.Equal(box.Lower, memory.Cases[0].Input.Lower);
        Assert.Equal(box.Upper, memory.Cases[0].Input.Upper);
    }

    [Fact]
    public void A_label_outside_the_classes_is_rejected() =>
        Assert.Throws<BadInputException>(() => EditSetVnnLib.UnsafeOutputs(3, 3));
}
