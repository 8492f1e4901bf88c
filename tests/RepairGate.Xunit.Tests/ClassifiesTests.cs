using System.Globalization;
using RepairGate.Core;
using RepairGate.Core.Onnx;

namespace RepairGate.Xunit.Tests;

public sealed class ClassifiesTests
{
    [Fact]
    public void Passes_when_OnnxRuntime_agrees_with_the_labels()
    {
        var rows = LabelledByRepairGate(20);

        NetworkAssert.Classifies(Acas.Net29, rows, minAccuracy: 1.0, Decision.ArgMin);
    }

    [Fact]
    public void Fails_below_the_required_accuracy_listing_the_misclassified_rows()
    {
        var rows = LabelledByRepairGate(20).Select((r, i) => i < 3 ? r with { Label = (r.Label + 1) % 5 } : r).ToList();

        var error = Assert.Throws<NetworkAssertException>(() => NetworkAssert.Classifies(Acas.Net29, rows, minAccuracy: 0.9, Decision.ArgMin));

        Assert.StartsWith("ACASXU_run2a_2_9_batch_2000.onnx classifies 17 of 20 rows correctly (accuracy 0.85), below the required 0.9", error.Message);
        Assert.Contains("row 0: expected", error.Message);
        Assert.Contains("row 2: expected", error.Message);
        Assert.DoesNotContain("row 3:", error.Message);
    }

    [Fact]
    public void Reads_an_edit_set_file_with_a_header()
    {
        var rows = LabelledByRepairGate(5);
        var path = Path.Combine(TestData.TempFolder(), "edits.csv");
        File.WriteAllLines(path, ["x0,x1,x2,x3,x4,label", .. rows.Select(r => string.Join(",", r.Input.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "," + r.Label)]);

        NetworkAssert.Classifies(Acas.Net29, path, minAccuracy: 1.0, Decision.ArgMin);
        Assert.Equal(rows.Select(r => r.Label), EditSetFile.Load(path).Select(r => r.Label));
    }

    [Fact]
    public void A_malformed_edit_set_names_file_line_and_column()
    {
        var path = Path.Combine(TestData.TempFolder(), "edits.csv");
        File.WriteAllLines(path, ["0.1,0.2,0", "0.1,abc,1"]);

        var error = Assert.Throws<BadInputException>(() => EditSetFile.Load(path));

        Assert.Equal((path, 2, 5), (error.File, error.Line, error.Column));
        Assert.Contains("'abc' is not a number", error.Message);
    }

    /// <summary>Seeded inputs from prop_3's neighbourhood, labelled by RepairGate's evaluator (not OnnxRuntime).</summary>
    private static List<LabeledInput> LabelledByRepairGate(int count)
    {
        var network = OnnxModelLoader.Load(TestPaths.Resolve(Acas.Net29));
        var random = new Random(7);
        return Enumerable.Range(0, count).Select(i =>
        {
            var x = Enumerable.Range(0, 5).Select(_ => random.NextDouble() - 0.5).ToArray();
            var y = network.Evaluate(x);
            return new LabeledInput(x, Array.IndexOf(y, y.Min()), $"row {i}");
        }).ToList();
    }
}
