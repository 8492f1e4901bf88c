using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx;

namespace RepairGate.Cli.Tests;

/// <summary>
/// compare and eval on the committed Fashion-MNIST subsets (1000 test, 2000 training images) with the fast last-layer
/// method; the table's numbers are recomputed here with OnnxRuntime directly.
/// </summary>
public class CompareCommandTests
{
    private static readonly string Data = TestData.FashionMnist("");

    private static string[] Base(params string[] extra) =>
        ["compare", "--model", TestData.FashionMnistModel, "--data", Data, "--test-prefix", "t10k-first1000", "--train-prefix", "train-first2000", .. extra];

    [Theory]
    [InlineData("give exactly one of --methods a,b, --all or --test-only", "--edit-set", "misclassified:5")]
    [InlineData("give exactly one of --methods a,b, --all or --test-only", "--edit-set", "misclassified:5", "--all", "--test-only")]
    [InlineData("--methods: unknown method 'magic'; choose from last-layer, pattern-lp, milp, gradient, finetune", "--edit-set", "misclassified:5", "--methods", "last-layer,magic")]
    [InlineData("--edit-set is required to compare repair methods", "--methods", "last-layer")]
    [InlineData("--held-out must be a fraction in [0, 1)", "--edit-set", "misclassified:5", "--methods", "last-layer", "--held-out", "1")]
    [InlineData("--save-best writes ONNX; give it a .onnx path", "--edit-set", "misclassified:5", "--methods", "last-layer", "--save-best", "best.nnet")]
    [InlineData("--formats: unknown format 'pdf'", "--edit-set", "misclassified:5", "--methods", "last-layer", "--formats", "md,pdf")]
    [InlineData("--time-limit must be a positive number of seconds", "--edit-set", "misclassified:5", "--methods", "last-layer", "--time-limit", "0")]
    [InlineData("--max-drawdown must be between 0 and 1", "--edit-set", "misclassified:5", "--methods", "last-layer", "--max-drawdown", "2")]
    [InlineData("misclassified:x", "--edit-set", "misclassified:x", "--methods", "last-layer")]
    public async Task Bad_options_are_exit_2_with_a_clear_message(string message, params string[] options)
    {
        var run = await CliRun.InProcessAsync(Base(options));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Missing_data_names_the_path()
    {
        var missing = Path.Combine(TestData.TempFolder(), "nothing.csv");
        var run = await CliRun.InProcessAsync("compare", "--model", TestData.FashionMnistModel, "--data", missing, "--edit-set", "misclassified:5", "--methods", "last-layer");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"{missing}: no such data file", run.Error);
    }

    [Fact]
    public async Task Last_layer_repair_writes_the_table_the_files_and_the_best_model_with_numbers_that_recompute()
    {
        var folder = TestData.TempFolder();
        var best = Path.Combine(folder, "best.onnx");
        var run = await CliRun.InProcessAsync(Base("--edit-set", "misclassified:20", "--methods", "last-layer", "--preserve", "100",
            "--out", folder, "--save-best", best, "--deterministic", "--msbuild"));

        Assert.True(run.ExitCode == ExitCodes.Holds, run.Output + run.Error);
        Assert.Equal(["best.onnx", "comparison.csv", "comparison.html", "comparison.json", "comparison.md"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.StartsWith(File.ReadAllText(Path.Combine(folder, "comparison.md")), run.Output);
        Assert.Contains("Model fmnist_mlp_50x2.onnx; edit set misclassified:20: 16 repair items, 4 held out; 980 test rows.", run.Output);
        Assert.Contains($"{TestData.FashionMnistModel}: warning RG3002: fmnist_mlp_50x2.onnx repaired by last-layer: efficacy 100.00 % on 16 edit items", run.Output);

        // The saved model is the original graph with only the last layer's initializers changed.
        var (original, patched) = (OnnxModelLoader.Load(TestData.FashionMnistModel), OnnxModelLoader.Load(best));
        Assert.Equal(original.Layers.Select(l => l.Kind), patched.Layers.Select(l => l.Kind));
        var differing = Enumerable.Range(0, original.Layers.Count).Where(l => original.Layers[l] is AffineLayer a
            && (!a.Weights.SequenceEqual(((AffineLayer)patched.Layers[l]).Weights) || !a.Bias.SequenceEqual(((AffineLayer)patched.Layers[l]).Bias))).ToArray();
        Assert.Equal([original.Layers.Count - 1], differing);

        // Recompute from the IDX bytes with OnnxRuntime: edit rows = the first 20 the original gets wrong; test rows = the other 980.
        var (images, labels) = ReadIdx(TestData.FashionMnist("t10k-first1000-images-idx3-ubyte.gz"), TestData.FashionMnist("t10k-first1000-labels-idx1-ubyte.gz"));
        var before = Predict(TestData.FashionMnistModel, images);
        var after = Predict(best, images);
        var edits = Enumerable.Range(0, labels.Length).Where(i => before[i] != labels[i]).Take(20).ToHashSet();
        var test = Enumerable.Range(0, labels.Length).Where(i => !edits.Contains(i)).ToArray();
        double originalAccuracy = test.Count(i => before[i] == labels[i]) / (double)test.Length, repairedAccuracy = test.Count(i => after[i] == labels[i]) / (double)test.Length;
        var editsRight = edits.Count(i => after[i] == labels[i]);

        var csv = File.ReadAllLines(Path.Combine(folder, "comparison.csv")).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["original", "last-layer"], csv.Skip(1).Select(r => r[0]));
        double Cell(int row, int column) => double.Parse(csv[row][column], CultureInfo.InvariantCulture);
        Assert.Equal(originalAccuracy, Cell(1, 2), 12);
        Assert.Equal(repairedAccuracy, Cell(2, 2), 12);
        Assert.Equal(originalAccuracy - repairedAccuracy, Cell(2, 3), 12);
        Assert.Equal(1.0, Cell(2, 4));
        Assert.Equal(editsRight, (int)Math.Round(Cell(2, 4) * 16 + Cell(2, 5) * 4));
        Assert.Equal(("", ""), (csv[2][10], csv[2][11])); // --deterministic: no time or memory
    }

    [Fact]
    public async Task Contradicting_edit_items_fail_every_method_with_RG3001_and_save_nothing()
    {
        var folder = TestData.TempFolder();
        // The same image twice with two different labels: no classifier satisfies both.
        var (images, _) = ReadIdx(TestData.FashionMnistImages, TestData.FashionMnistLabels);
        var pixels = string.Join(",", images[0].Select(v => ((double)v).ToString("R", CultureInfo.InvariantCulture)));
        var edits = Path.Combine(folder, "edits.csv");
        File.WriteAllText(edits, $"0,{pixels}\n1,{pixels}\n");
        var best = Path.Combine(folder, "best.onnx");

        var run = await CliRun.InProcessAsync(Base("--edit-set", "file:" + edits, "--held-out", "0", "--methods", "last-layer", "--preserve", "50",
            "--save-best", best, "--msbuild"));

        Assert.Equal(ExitCodes.Violated, run.ExitCode);
        Assert.Contains($"{TestData.FashionMnistModel}: error RG3001: fmnist_mlp_50x2.onnx: no repair method reached efficacy >= 100.00 % on edit set file:{edits}: last-layer ", run.Output);
        Assert.Contains("1000 test rows", run.Output); // items from another file use no test row
        Assert.False(File.Exists(best));
    }

    [Fact]
    public async Task Save_best_never_overwrites_the_model()
    {
        var run = await CliRun.InProcessAsync(Base("--edit-set", "misclassified:5", "--methods", "last-layer", "--save-best", TestData.FashionMnistModel));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("refusing to overwrite the input model", run.Error);
    }

    [Fact]
    public async Task Eval_reports_accuracy_confusion_and_constraint_accuracy_on_every_test_row()
    {
        var run = await CliRun.InProcessAsync("eval", "--model", TestData.FashionMnistModel, "--data", TestData.FashionMnistTest1000, "--edit-set", "misclassified:10");

        Assert.Equal(ExitCodes.Holds, run.ExitCode);
        var (images, labels) = ReadIdx(TestData.FashionMnist("t10k-first1000-images-idx3-ubyte.gz"), TestData.FashionMnist("t10k-first1000-labels-idx1-ubyte.gz"));
        var predicted = Predict(TestData.FashionMnistModel, images);
        var accuracy = Enumerable.Range(0, labels.Length).Count(i => predicted[i] == labels[i]) / 10.0;
        Assert.Contains($"| original | - | {accuracy.ToString("0.00", CultureInfo.InvariantCulture)} % | 0.00 % | 0.00 % | n/a |", run.Output);
        Assert.Contains("edit set misclassified:10: 10 repair items, 0 held out; 1000 test rows.", run.Output);
        Assert.Contains("Evaluation only: constraint accuracy 0.00 % of the 10 edit items.", run.Output);
        var row0 = Enumerable.Range(0, 10).Select(j => Enumerable.Range(0, labels.Length).Count(i => labels[i] == 0 && predicted[i] == j));
        Assert.Contains($"| 0 | {string.Join(" | ", row0)} |", run.Output);
    }

    /// <summary>Images (bytes scaled as the models expect, x/255) and labels, parsed here without RepairGate's loader.</summary>
    private static (float[][] Images, int[] Labels) ReadIdx(string imagesPath, string labelsPath)
    {
        static byte[] Gunzip(string path)
        {
            using var zip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var memory = new MemoryStream();
            zip.CopyTo(memory);
            return memory.ToArray();
        }
        var images = Gunzip(imagesPath);
        var labels = Gunzip(labelsPath);
        var count = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(4));
        var size = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(8)) * BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(12));
        var x = Enumerable.Range(0, count).Select(n => Enumerable.Range(0, size).Select(i => (float)(images[16 + n * size + i] * (1 / 255.0))).ToArray()).ToArray();
        return (x, labels.Skip(8).Take(count).Select(b => (int)b).ToArray());
    }

    /// <summary>OnnxRuntime's argmax per image; a tied maximum counts as -1 (wrong), as in RepairGate's metrics.</summary>
    private static int[] Predict(string model, float[][] images)
    {
        using var session = new InferenceSession(model);
        var input = session.InputMetadata.First();
        return images.Select(image =>
        {
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<float>(image, [1, image.Length]))]);
            var y = results[0].AsEnumerable<float>().ToArray();
            var top = y.Max();
            return y.Count(v => v == top) == 1 ? Array.IndexOf(y, top) : -1;
        }).ToArray();
    }
}
