using RepairGate.Core.Specs;

namespace RepairGate.Core.Tests.Specs;

/// <summary>The property records on hand-built values, independent of the parser.</summary>
public class PropertyModelTests
{
    [Fact]
    public void SlackIsCoefficientsDotYMinusBound()
    {
        var constraint = new LinearConstraint([2, 0, -0.5], 1);

        Assert.Equal(2 * 3 - 0.5 * 4 - 1, constraint.Slack([3, 100, 4]));
        Assert.Equal("2*Y_0 - 0.5*Y_2 <= 1", constraint.ToString());
        Assert.Throws<ArgumentException>(() => constraint.Slack([1, 2]));
    }

    [Fact]
    public void ViolationIsTheWorstSlack()
    {
        var polytope = new OutputPolytope([new LinearConstraint([1, 0], 1), new LinearConstraint([0, 1], 5)]);

        Assert.Equal(-1, polytope.Violation([0, 4]));
        Assert.True(polytope.Contains([0, 4]));
        Assert.Equal(2, polytope.Violation([3, 4]));
        Assert.False(polytope.Contains([3, 4]));
        Assert.True(polytope.Contains([1, 5])); // the boundary belongs to the set
    }

    [Fact]
    public void EmptyPolytopeContainsEverything()
    {
        var polytope = new OutputPolytope([]);

        Assert.Equal(double.NegativeInfinity, polytope.Violation([1e300]));
        Assert.True(polytope.Contains([double.MaxValue]));
        Assert.Equal("true", polytope.ToString());
    }

    [Fact]
    public void NaNOutputIsNeverInside()
    {
        var polytope = new OutputPolytope([new LinearConstraint([1], 0), new LinearConstraint([-1], 0)]);

        Assert.False(polytope.Contains([double.NaN]));
    }

    [Fact]
    public void UnsafeMarginIsTheBestPolytope()
    {
        var propertyCase = new PropertyCase(
            new InputBox([0], [1]),
            [new OutputPolytope([new LinearConstraint([1], 0)]), new OutputPolytope([new LinearConstraint([-1], -10)])]);

        Assert.Equal(3, propertyCase.UnsafeMargin([3])); // 3 above 0, 7 below 10
        Assert.Equal(-1, propertyCase.UnsafeMargin([11]));
        Assert.True(propertyCase.IsUnsafe([-2]));
        Assert.Equal(double.PositiveInfinity, new PropertyCase(new InputBox([0], [1]), []).UnsafeMargin([0]));
    }

    [Fact]
    public void BoxIsClosedAndCentered()
    {
        var box = new InputBox([-1, 2], [1, 2]);

        Assert.Equal(2, box.Dimension);
        Assert.True(box.Contains([-1, 2]));
        Assert.True(box.Contains([1, 2]));
        Assert.False(box.Contains([1.0000001, 2]));
        Assert.False(box.Contains([double.NaN, 2]));
        Assert.Equal([0.0, 2], box.Center());
        Assert.Equal("[-1, 1] x [2, 2]", box.ToString());
        Assert.Throws<ArgumentException>(() => new InputBox([0], [1, 2]));
    }

    [Fact]
    public void EnsureMatchesAcceptsTheRightShape()
    {
        var property = new VnnProperty("props/p.vnnlib", 5, 2, []);

        property.EnsureMatches(5, 2, "net.onnx");
        Assert.Equal("p", property.Name);
    }

    [Fact]
    public void EnsureMatchesNamesBothFiles()
    {
        var property = new VnnProperty("props/p.vnnlib", 5, 1, []);

        var inputs = Assert.Throws<BadInputException>(() => property.EnsureMatches(3, 1, "net.onnx"));
        Assert.Equal("props/p.vnnlib: the property has 5 inputs (X_0..X_4) but model net.onnx takes 3", inputs.Message);

        var outputs = Assert.Throws<BadInputException>(() => property.EnsureMatches(5, 4, "net.onnx"));
        Assert.Equal("props/p.vnnlib: the property has 1 output (Y_0) but model net.onnx produces 4", outputs.Message);

        var both = Assert.Throws<BadInputException>(() => property.EnsureMatches(2, 2, "net.onnx"));
        Assert.Equal("props/p.vnnlib: the property has 5 inputs (X_0..X_4) but model net.onnx takes 2; "
            + "the property has 1 output (Y_0) but model net.onnx produces 2", both.Message);
    }
}
