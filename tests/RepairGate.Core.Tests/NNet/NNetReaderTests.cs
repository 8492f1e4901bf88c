using RepairGate.Core.Model;
using RepairGate.Core.NNet;

namespace RepairGate.Core.Tests.NNet;

public class NNetReaderTests
{
    // By hand for x = (3, 2):
    //   normalise: ((3 - 1)/2, (2 + 2)/4) = (1, 1)
    //   hidden:    relu(1*1 - 1*1 + 0.25, 0.5*1 + 2*1 - 1) = (0.25, 1.5)
    //   output:    2*0.25 - 3*1.5 + 0.5 = -3.5;  denormalise: -3.5*8 + 0.5 = -27.5
    // For x = (-1, -6):
    //   normalise: (-1, -1);  hidden: relu(0.25, -3.5) = (0.25, 0)
    //   output:    2*0.25 + 0.5 = 1;  denormalise: 1*8 + 0.5 = 8.5
    [Theory]
    [InlineData(3.0, 2.0, -27.5)]
    [InlineData(-1.0, -6.0, 8.5)]
    public void TinyNetwork_EvaluatesToHandComputedOutputs(double x0, double x1, double expected)
    {
        var network = NNetReader.Parse(NNetTestData.Tiny, NNetTestData.TinyPath);

        Assert.Equal([expected], network.Evaluate([x0, x1]));
        Assert.Equal([(float)expected], network.Evaluate([(float)x0, (float)x1]));
    }

    [Fact]
    public void TinyNetwork_HasNormalisationAffineReluAffineDenormalisation()
    {
        var network = NNetReader.Parse(NNetTestData.Tiny, NNetTestData.TinyPath);

        Assert.Collection(network.Layers,
            l => AssertElementwise(l, scale: [0.5, 0.25], shift: [-0.5, 0.5]),
            l => Assert.Equal("nnet layer 1", Assert.IsType<AffineLayer>(l).Name),
            l => Assert.Equal("nnet layer 1 ReLU", Assert.IsType<ReluLayer>(l).Name),
            l => Assert.Equal("nnet layer 2", Assert.IsType<AffineLayer>(l).Name),
            l => AssertElementwise(l, scale: [8.0], shift: [0.5]));
        Assert.Equal([1.0, -1.0, 0.5, 2.0], ((AffineLayer)network.Layers[1]).Weights);
        Assert.Equal("X", network.Io.InputName);
        Assert.Equal([1, 2], network.Io.InputShape);
        Assert.Equal("Y", network.Io.OutputName);
        Assert.Equal([1, 1], network.Io.OutputShape);
        Assert.Equal(NNetTestData.TinyPath, network.SourcePath);
    }

    [Fact]
    public void TinyNetwork_ExposesBoundsAndHeaderButDoesNotClamp()
    {
        var network = NNetReader.Parse(NNetTestData.Tiny, NNetTestData.TinyPath);
        var info = Assert.IsType<NNetInfo>(NNetInfo.Of(network));

        Assert.Equal([-10.0, -10.0], info.InputMinimums);
        Assert.Equal([10.0, 10.0], info.InputMaximums);
        Assert.Equal([1.0, -2.0, 0.5], info.Means);
        Assert.Equal([2.0, 4.0, 8.0], info.Ranges);
        Assert.Equal([" tiny test network: 2 inputs, one hidden layer of 2, 1 output", " second comment"], info.HeaderComments);

        // x = (20, 0) lies outside [-10, 10]. Unclamped: normalised (9.5, 0.5), hidden (9.25, 4.75),
        // output 18.5 - 14.25 + 0.5 = 4.75 → 38.5. The reference clamps to (10, 0): normalised (4.5, 0.5),
        // hidden (4.25, 2.25), output 8.5 - 6.75 + 0.5 = 2.25 → 18.5.
        Assert.Equal([38.5], network.Evaluate([20.0, 0.0]));
        Assert.Equal([18.5], network.Evaluate(info.ClampInput([20.0, 0.0])));

        var (lower, upper) = info.IntersectInputBox([-20.0, 5.0], [0.0, 30.0]);
        Assert.Equal([-10.0, 5.0], lower);
        Assert.Equal([0.0, 10.0], upper);
    }

    [Fact]
    public void IdentityNormalisation_IsLeftOut()
    {
        var text = NNetTestData.TinyWithLine(8, "0,0,0,").Replace("2,4,8,\n", "1,1,1,\n");

        var network = NNetReader.Parse(text, NNetTestData.TinyPath);

        Assert.Equal(["Affine 2x2", "ReLU", "Affine 1x2"], network.Layers.Select(l => l.Kind));
        // (3, 2) unnormalised: hidden relu(3 - 2 + 0.25, 1.5 + 4 - 1) = (1.25, 4.5), output 2.5 - 13.5 + 0.5 = -10.5.
        Assert.Equal([-10.5], network.Evaluate([3.0, 2.0]));
    }

    [Fact]
    public void LenientSpelling_ParsesTheSameNetwork()
    {
        // CRLF, no trailing commas, spaces around values, blank lines, exponents, indented comment.
        string[] lines =
        [
            "  // indented comment", "", "2, 2, 1, 2", "2,2,1", "0", "-1e1 , -10", "1E1,10.0",
            "1,-2,0.5", "", "2,4,8", "1,-1", "5e-1, 2", "0.25", "-1.0", "2,-3", "0.5", "", "",
        ];
        var lenient = NNetReader.Parse(string.Join("\r\n", lines), "lenient.nnet");
        var strict = NNetReader.Parse(NNetTestData.Tiny, NNetTestData.TinyPath);

        foreach (var x in NNetTestData.RandomInputs(seed: 3, count: 20, size: 2))
            Assert.Equal(strict.Evaluate(x), lenient.Evaluate(x));
    }

    [Fact]
    public async Task LoadAndLoadAsync_ReadTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("repairgate-nnet-");
        try
        {
            var path = Path.Combine(folder.FullName, "tiny.nnet");
            await File.WriteAllTextAsync(path, NNetTestData.Tiny, TestContext.Current.CancellationToken);

            var loaded = NNetReader.Load(path);
            var loadedAsync = await NNetReader.LoadAsync(path, TestContext.Current.CancellationToken);

            Assert.Equal(path, loaded.SourcePath);
            Assert.Equal([-27.5], loaded.Evaluate([3.0, 2.0]));
            Assert.Equal([-27.5], loadedAsync.Evaluate([3.0, 2.0]));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void AssertElementwise(Layer layer, double[] scale, double[] shift)
    {
        var elementwise = Assert.IsType<ElementwiseAffineLayer>(layer);
        Assert.Equal(scale, elementwise.Scale);
        Assert.Equal(shift, elementwise.Shift);
    }
}
