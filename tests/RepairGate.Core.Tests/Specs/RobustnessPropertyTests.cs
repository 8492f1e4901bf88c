using RepairGate.Core.Data;
using RepairGate.Core.Specs;

namespace RepairGate.Core.Tests.Specs;

public class RobustnessPropertyTests
{
    [Fact]
    public void Generated_property_is_the_clipped_ball_and_one_polytope_per_other_class()
    {
        double[] image = [0, 0.5, 1, 0.995];
        var property = VnnLibParser.Parse(RobustnessProperty.ToVnnLib(image, label: 2, classes: 4, epsilon: 0.01, comment: "test"), "r.vnnlib");
        Assert.Equal(4, property.InputCount);
        Assert.Equal(4, property.OutputCount);
        var @case = Assert.Single(property.Cases);
        double[] lower = [0, 0.49, 0.99, 0.985], upper = [0.01, 0.51, 1, 1];
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(lower[i], @case.Input.Lower[i], 12);
            Assert.Equal(upper[i], @case.Input.Upper[i], 12);
        }
        Assert.Equal(3, @case.UnsafeOutputs.Count);

        // Unsafe exactly when another class scores at least as high as class 2.
        Assert.False(@case.IsUnsafe([0, 1, 2, 1.5]));
        Assert.True(@case.IsUnsafe([0, 2, 2, 1.5]));
        Assert.True(@case.IsUnsafe([0, 1, 2, 2.5]));
    }

    [Fact]
    public void Properties_for_the_committed_images_parse_with_784_inputs()
    {
        var images = IdxFile.Load(TestData.FashionMnistImages);
        var labels = IdxFile.Load(TestData.FashionMnistLabels);
        var text = RobustnessProperty.ToVnnLib(images.Scaled(7), labels.Values[7], 10, 0.02);
        var property = VnnLibParser.Parse(text, "img7.vnnlib");
        Assert.Equal(784, property.InputCount);
        Assert.Equal(9, property.Cases.Single().UnsafeOutputs.Count);
        Assert.True(property.Cases[0].Input.Contains(images.Scaled(7)));
    }
}
