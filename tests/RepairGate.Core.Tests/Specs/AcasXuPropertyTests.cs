using RepairGate.Core.Specs;

namespace RepairGate.Core.Tests.Specs;

public class AcasXuPropertyTests
{
    public static TheoryData<int, int, int> CaseAndPolytopeCounts => new()
    {
        // property, cases, unsafe polytopes per case
        { 1, 1, 1 },
        { 2, 1, 1 },
        { 3, 1, 1 },
        { 4, 1, 1 },
        { 5, 1, 4 },
        { 6, 2, 4 },
        { 7, 1, 2 },
        { 8, 1, 3 },
        { 9, 1, 4 },
        { 10, 1, 4 },
    };

    [Theory]
    [MemberData(nameof(CaseAndPolytopeCounts))]
    public void EveryPropertyParsesWithFiveInputsAndOutputs(int number, int cases, int polytopesPerCase)
    {
        var property = VnnLibParser.Load(TestData.AcasProperty(number));

        Assert.Equal($"prop_{number}", property.Name);
        Assert.Equal(5, property.InputCount);
        Assert.Equal(5, property.OutputCount);
        Assert.Equal(cases, property.Cases.Count);
        foreach (var propertyCase in property.Cases)
        {
            Assert.Equal(5, propertyCase.Input.Dimension);
            Assert.All(propertyCase.Input.Lower, bound => Assert.True(double.IsFinite(bound)));
            Assert.All(propertyCase.Input.Upper, bound => Assert.True(double.IsFinite(bound)));
            Assert.Equal(polytopesPerCase, propertyCase.UnsafeOutputs.Count);
            Assert.All(propertyCase.UnsafeOutputs, polytope => Assert.All(polytope.Constraints, c => Assert.Equal(5, c.Coefficients.Length)));
        }
    }

    [Fact]
    public void Property1HasTheFileBoxAndOneLowerBoundOnY0()
    {
        var property = VnnLibParser.Load(TestData.AcasProperty(1));

        var box = Assert.Single(property.Cases).Input;
        Assert.Equal([0.6, -0.5, -0.5, 0.45, -0.5], box.Lower);
        Assert.Equal([0.679857769, 0.5, 0.5, 0.5, -0.45], box.Upper);
        var constraint = Assert.Single(Assert.Single(property.Cases[0].UnsafeOutputs).Constraints);
        Assert.Equal([-1.0, 0, 0, 0, 0], constraint.Coefficients);
        Assert.Equal(-3.991125645861615, constraint.Bound);
        Assert.Equal("-Y_0 <= -3.991125645861615", constraint.ToString());
    }

    [Fact]
    public void Property1FlagsLargeY0AtTheBoxCenterOnly()
    {
        var property = VnnLibParser.Load(TestData.AcasProperty(1));
        var center = property.Cases[0].Input.Center();

        Assert.True(property.IsCounterexample(center, [4.0, 0, 0, 0, 0], out var caseIndex));
        Assert.Equal(0, caseIndex);
        Assert.False(property.IsCounterexample(center, [3.9, 0, 0, 0, 0], out caseIndex));
        Assert.Equal(-1, caseIndex);
        Assert.False(property.IsCounterexample([0.0, 0, 0, 0, 0], [4.0, 0, 0, 0, 0], out _));
    }

    [Fact]
    public void Property2ConjoinsFourOutputComparisons()
    {
        var property = VnnLibParser.Load(TestData.AcasProperty(2));

        var polytope = Assert.Single(Assert.Single(property.Cases).UnsafeOutputs);
        Assert.Equal(
            ["-Y_0 + Y_1 <= 0", "-Y_0 + Y_2 <= 0", "-Y_0 + Y_3 <= 0", "-Y_0 + Y_4 <= 0"],
            polytope.Constraints.Select(c => c.ToString()));
        Assert.Equal([-1.0, 1, 0, 0, 0], polytope.Constraints[0].Coefficients);
        Assert.Equal(0.0, polytope.Constraints[0].Bound);
    }

    [Fact]
    public void Property4KeepsADegenerateInterval()
    {
        var box = VnnLibParser.Load(TestData.AcasProperty(4)).Cases[0].Input;

        Assert.Equal(0.0, box.Lower[2]);
        Assert.Equal(0.0, box.Upper[2]);
        Assert.False(double.IsNegative(box.Lower[2]));
        Assert.Equal([-0.303531156, -0.009549297, 0.0, 0.318181818, 0.083333333], box.Lower);
    }

    [Fact]
    public void Property6HasTwoInputBoxesSharingTheOutputDisjunction()
    {
        var property = VnnLibParser.Load(TestData.AcasProperty(6));

        Assert.Equal(2, property.Cases.Count);
        Assert.Equal([-0.129289109, 0.11140846, -0.499999896, -0.5, -0.5], property.Cases[0].Input.Lower);
        Assert.Equal([0.700434925, 0.499999896, -0.499204121, 0.5, 0.5], property.Cases[0].Input.Upper);
        Assert.Equal(-0.499999896, property.Cases[1].Input.Lower[1]);
        Assert.Equal(-0.11140846, property.Cases[1].Input.Upper[1]);
        string[] expected = ["-Y_0 + Y_1 <= 0", "-Y_0 + Y_2 <= 0", "-Y_0 + Y_3 <= 0", "-Y_0 + Y_4 <= 0"];
        Assert.All(property.Cases, c => Assert.Equal(expected, c.UnsafeOutputs.Select(p => p.ToString())));
    }

    [Fact]
    public void Property6ReportsTheCaseWhoseBoxHoldsTheInput()
    {
        var property = VnnLibParser.Load(TestData.AcasProperty(6));
        double[] unsafeOutput = [0, 1, 1, 1, -1]; // Y_4 is not above Y_0

        Assert.True(property.IsCounterexample(property.Cases[1].Input.Center(), unsafeOutput, out var caseIndex));
        Assert.Equal(1, caseIndex);
        Assert.False(property.IsCounterexample(property.Cases[1].Input.Center(), [0, 1, 1, 1, 1], out _));
        Assert.False(property.IsCounterexample([0, 0, -0.4999, 0, 0], unsafeOutput, out _)); // X_1 = 0 lies between the boxes
    }

    [Fact]
    public void Property7HasTwoUnsafeOutputPolytopes()
    {
        var outputs = VnnLibParser.Load(TestData.AcasProperty(7)).Cases[0].UnsafeOutputs;

        Assert.Equal("-Y_0 + Y_3 <= 0 and -Y_1 + Y_3 <= 0 and -Y_2 + Y_3 <= 0", outputs[0].ToString());
        Assert.Equal("-Y_0 + Y_4 <= 0 and -Y_1 + Y_4 <= 0 and -Y_2 + Y_4 <= 0", outputs[1].ToString());
    }

    [Fact]
    public void Property8UnsafeMarginIsTheBestPolytope()
    {
        var propertyCase = VnnLibParser.Load(TestData.AcasProperty(8)).Cases[0];
        Assert.Equal(
            ["-Y_0 + Y_2 <= 0 and -Y_1 + Y_2 <= 0", "-Y_0 + Y_3 <= 0 and -Y_1 + Y_3 <= 0", "-Y_0 + Y_4 <= 0 and -Y_1 + Y_4 <= 0"],
            propertyCase.UnsafeOutputs.Select(p => p.ToString()));

        // Y_3 = 1 is below Y_0 = 2 but above Y_1 = 0.5: polytope 2 misses by 0.5; Y_2 and Y_4 miss by more.
        double[] y = [2, 0.5, 3, 1, 4];
        Assert.Equal(0.5, propertyCase.UnsafeMargin(y));
        Assert.False(propertyCase.IsUnsafe(y));
        Assert.Equal(-0.5, propertyCase.UnsafeMargin([2, 1.5, 3, 1, 4]));
    }

    [Theory]
    [InlineData(5, "Y_0 - Y_4 <= 0", "Y_3 - Y_4 <= 0")]
    [InlineData(9, "Y_0 - Y_3 <= 0", "-Y_3 + Y_4 <= 0")]
    [InlineData(10, "-Y_0 + Y_1 <= 0", "-Y_0 + Y_4 <= 0")]
    public void SingleAtomDisjunctionsBecomeOnePolytopeEach(int number, string first, string last)
    {
        var outputs = VnnLibParser.Load(TestData.AcasProperty(number)).Cases[0].UnsafeOutputs;

        Assert.All(outputs, polytope => Assert.Single(polytope.Constraints));
        Assert.Equal(first, outputs[0].ToString());
        Assert.Equal(last, outputs[^1].ToString());
    }
}
