using RepairGate.Core.Specs;

namespace RepairGate.Core.Tests.Specs;

public class TestBenchmarkPropertyTests
{
    [Fact]
    public void NanoHasOneInputAndAnUpperBoundOnY0()
    {
        var property = VnnLibParser.Load(TestData.TestBenchmark("test_nano.vnnlib"));

        Assert.Equal((1, 1), (property.InputCount, property.OutputCount));
        var propertyCase = Assert.Single(property.Cases);
        Assert.Equal([-1.0], propertyCase.Input.Lower);
        Assert.Equal([1.0], propertyCase.Input.Upper);
        Assert.Equal("Y_0 <= -1", Assert.Single(propertyCase.UnsafeOutputs).ToString());
    }

    [Theory]
    [InlineData("test_tiny.vnnlib")]
    [InlineData("test_small.vnnlib")]
    public void BoundsInsideTheDisjunctFormTheBox(string fileName)
    {
        var property = VnnLibParser.Load(TestData.TestBenchmark(fileName));

        var propertyCase = Assert.Single(property.Cases);
        Assert.Equal([-1.0], propertyCase.Input.Lower);
        Assert.Equal([1.0], propertyCase.Input.Upper);
        Assert.Equal("-Y_0 <= -100", Assert.Single(propertyCase.UnsafeOutputs).ToString());
        Assert.True(property.IsCounterexample([0.5], [100], out _));
        Assert.False(property.IsCounterexample([0.5], [99.5], out _));
    }

    [Fact]
    public void CommentedPropertyMatchesAcasXuProperty3WithMorePreciseBounds()
    {
        var property = VnnLibParser.Load(TestData.TestBenchmark("test_prop.vnnlib"));

        var propertyCase = Assert.Single(property.Cases);
        Assert.Equal([-0.30353115613746867, -0.009549296585513092, 0.4933803235848431, 0.3, 0.3], propertyCase.Input.Lower);
        Assert.Equal([-0.29855281193475053, 0.009549296585513092, 0.49999999998567607, 0.5, 0.5], propertyCase.Input.Upper);
        Assert.Equal(
            "Y_0 - Y_1 <= 0 and Y_0 - Y_2 <= 0 and Y_0 - Y_3 <= 0 and Y_0 - Y_4 <= 0",
            Assert.Single(propertyCase.UnsafeOutputs).ToString());
    }

    [Fact]
    public async Task LoadAsyncReadsTheSameProperty()
    {
        var path = TestData.TestBenchmark("test_prop.vnnlib");

        var property = await VnnLibParser.LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(path, property.SourcePath);
        Assert.Equal("test_prop", property.Name);
        Assert.Equal(VnnLibParser.Load(path).Cases[0].Input.Upper, property.Cases[0].Input.Upper);
    }
}
