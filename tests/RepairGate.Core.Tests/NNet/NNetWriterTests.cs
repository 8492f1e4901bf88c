using RepairGate.Core.Model;
using RepairGate.Core.NNet;

namespace RepairGate.Core.Tests.NNet;

public sealed class NNetWriterTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("repairgate-nnet-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void RandomNetwork_RoundTripsWithIdenticalOutputs()
    {
        var original = NNetTestData.RandomNetwork(seed: 42);

        var reread = NNetReader.Parse(ToText(original), "roundtrip.nnet");

        Assert.Equal(original.Layers.Select(l => l.Kind), reread.Layers.Select(l => l.Kind));
        foreach (var x in NNetTestData.RandomInputs(seed: 7, count: 200, size: original.InputSize))
        {
            Assert.Equal(original.Evaluate(x), reread.Evaluate(x));
            var x32 = Array.ConvertAll(x, v => (float)v);
            Assert.Equal(original.Evaluate(x32), reread.Evaluate(x32));
        }
    }

    [Fact]
    public void Writing_IsDeterministicAndStableUnderReRead()
    {
        var network = NNetTestData.RandomNetwork(seed: 42);

        var first = ToText(network);
        var second = ToText(network);
        var afterReRead = ToText(NNetReader.Parse(first, "first.nnet"));

        Assert.Equal(first, second);
        Assert.Equal(first, afterReRead);
    }

    [Fact]
    public void NNetFile_KeepsItsNumbersBoundsAndComments()
    {
        var text = ToText(NNetReader.Parse(NNetTestData.Tiny, NNetTestData.TinyPath));

        // Same file up to number spelling: "R" drops nothing but writes 10 for 10 and 0.5 for 0.5.
        Assert.Equal(NNetTestData.Tiny, text);
    }

    [Fact]
    public void ArbitraryNormalisation_RoundTripsToWithinRounding()
    {
        var random = new Random(11);
        var scale = Enumerable.Range(0, 5).Select(_ => 0.01 + 10 * random.NextDouble()).ToArray();
        var shift = Enumerable.Range(0, 5).Select(_ => 20 * random.NextDouble() - 10).ToArray();
        var random42 = NNetTestData.RandomNetwork(seed: 42);
        var network = random42.WithLayer(0, new ElementwiseAffineLayer(scale, shift, [5], "arbitrary"));

        var reread = NNetReader.Parse(ToText(network), "arbitrary.nnet");

        foreach (var x in NNetTestData.RandomInputs(seed: 8, count: 50, size: 5))
        {
            var expected = network.Evaluate(x);
            var actual = reread.Evaluate(x);
            for (var i = 0; i < expected.Length; i++)
                Assert.Equal(expected[i], actual[i], tolerance: 1e-12 * Math.Max(1, Math.Abs(expected[i])));
        }
    }

    [Fact]
    public void Save_WritesAtomicallyAndOverwrites()
    {
        var path = Path.Combine(_folder.FullName, "net.nnet");
        File.WriteAllText(path, "old contents");
        var network = NNetTestData.RandomNetwork(seed: 5);

        NNetWriter.Save(network, path);

        Assert.Equal(ToText(network), File.ReadAllText(path));
        Assert.Equal(["net.nnet"], _folder.GetFiles().Select(f => f.Name)); // no temporary file left behind
        var x = NNetTestData.RandomInputs(seed: 1, count: 1, size: 5)[0];
        Assert.Equal(network.Evaluate(x), NNetReader.Load(path).Evaluate(x));
    }

    [Fact]
    public void Save_MisfitNetworkTouchesNoFile()
    {
        var path = Path.Combine(_folder.FullName, "net.nnet");

        Assert.Throws<BadInputException>(() => NNetWriter.Save(EndingWithRelu(), path));

        Assert.Empty(_folder.GetFiles());
    }

    [Fact]
    public void Save_IntoMissingFolderIsBadInput()
    {
        var path = Path.Combine(_folder.FullName, "missing", "net.nnet");

        var error = Assert.Throws<BadInputException>(() => NNetWriter.Save(NNetTestData.RandomNetwork(seed: 5), path));

        Assert.Equal(path, error.File);
    }

    [Fact]
    public void NetworkEndingWithRelu_DoesNotFit() =>
        AssertMisfit(EndingWithRelu(), "it ends with a ReLU, but the last NNet layer is linear");

    [Fact]
    public void TwoAffineLayersInARow_DoNotFit()
    {
        var network = Build(Affine(2, 3, "a"), Affine(3, 1, "b"));

        AssertMisfit(network, "layer 1 (Affine 1x3 [3]->[1] (b)) follows the linear output layer; NNet allows only an output denormalisation there");
    }

    [Fact]
    public void NonUniformOutputDenormalisation_DoesNotFit()
    {
        var network = Build(Affine(2, 2, "a"), new ElementwiseAffineLayer([1.0, 2.0], [0.0, 0.0], [2], "scale"));

        AssertMisfit(network, "its last layer (Elementwise affine [2]->[2] (scale)) treats outputs differently; NNet has one mean and one range for all outputs");
    }

    [Fact]
    public void NonFiniteWeight_DoesNotFit()
    {
        var network = Build(new AffineLayer([double.NaN, 1.0], [0.0], [2], [1], "nan"));

        AssertMisfit(network, "Affine 1x2 [2]->[1] (nan) has a non-finite weight or bias, which NNet readers reject");
    }

    [Fact]
    public void ZeroInputScale_DoesNotFit()
    {
        var network = Build(new ElementwiseAffineLayer([0.0, 1.0], [0.0, 0.0], [2], "zero"), Affine(2, 1, "a"));

        AssertMisfit(network, "input normalisation 1 has scale 0 and shift 0; NNet needs a finite nonzero scale");
    }

    private static string ToText(Network network)
    {
        var writer = new StringWriter();
        NNetWriter.Write(network, writer);
        return writer.ToString();
    }

    private static void AssertMisfit(Network network, string reason)
    {
        var writer = new StringWriter();

        var error = Assert.Throws<BadInputException>(() => NNetWriter.Write(network, writer));

        Assert.Equal($"cannot be written as NNet: {reason}", error.Reason);
        Assert.Equal("built.nnet", error.File);
        Assert.Empty(writer.ToString()); // checked before writing anything
    }

    private static Network EndingWithRelu() => Build(Affine(2, 2, "a"), new ReluLayer([2], "relu"));

    private static AffineLayer Affine(int inputs, int outputs, string name) =>
        new(Enumerable.Repeat(0.5, inputs * outputs).ToArray(), new double[outputs], [inputs], [outputs], name);

    private static Network Build(params Layer[] layers) =>
        new(layers, new NetworkIo("x", [1, layers[0].InputSize], "y", [1, layers[^1].OutputSize]), "built.nnet");
}
