using RepairGate.Core.Onnx;

namespace RepairGate.Xunit.Tests;

public sealed class RobustTests
{
    // The centre of prop_3's input box (normalised ACAS Xu inputs); the advisory is the smallest output.
    private static readonly double[] Point = [-0.301041984, 0.0, 0.496690162, 0.4, 0.4];

    [Fact]
    public void A_tiny_neighbourhood_is_proven_to_keep_the_advisory()
    {
        NetworkAssert.Robust(Acas.Net29, Point, epsilon: 1e-4, decision: Decision.ArgMin, timeoutSeconds: 30);
    }

    [Fact]
    public void A_wide_neighbourhood_fails_with_an_input_OnnxRuntime_classifies_differently()
    {
        var expected = Advisory(Point);

        var error = Assert.Throws<NetworkAssertException>(() =>
            NetworkAssert.Robust(Acas.Net29, Point, epsilon: 0.5, decision: Decision.ArgMin, timeoutSeconds: 30));

        Assert.Contains($"(class {expected}, ArgMin)", error.Message);
        var input = OnnxRuntimeCheck.InputIn(error.Message);
        Assert.All(input.Zip(Point), pair => Assert.InRange(pair.First, pair.Second - 0.5, pair.Second + 0.5));
        Assert.NotEqual(expected, Advisory(input.Select(v => (double)v).ToArray()));
    }

    [Fact]
    public void A_point_that_already_has_another_class_fails_at_once()
    {
        var other = (Advisory(Point) + 1) % 5;

        var error = Assert.Throws<NetworkAssertException>(() =>
            NetworkAssert.Robust(Acas.Net29, Point, epsilon: 1e-4, expectedClass: other, decision: Decision.ArgMin));

        Assert.Contains($"the point itself is classified {Advisory(Point)}, not {other}", error.Message);
    }

    /// <summary>ArgMin of the outputs, by RepairGate's own evaluator (independent of the OnnxRuntime the assertion uses).</summary>
    private static int Advisory(double[] input)
    {
        var y = OnnxModelLoader.Load(TestPaths.Resolve(Acas.Net29)).Evaluate(input);
        return Array.IndexOf(y, y.Min());
    }
}
