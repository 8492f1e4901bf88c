using RepairGate.Core.Data;
using RepairGate.Core.EditSets;
using RepairGate.Core.Metrics;
using RepairGate.Core.Onnx;
using static RepairGate.Core.Tests.EditSets.EditSetFixtures;

namespace RepairGate.Core.Tests.Metrics;

public class ClassifierMetricsTests
{
    [Fact]
    public void ArgMax_reports_ties_and_nan_as_minus_one()
    {
        Assert.Equal(2, ClassifierMetrics.ArgMax([0f, 1f, 3f]));
        Assert.Equal(-1, ClassifierMetrics.ArgMax([3f, 1f, 3f]));
        Assert.Equal(-1, ClassifierMetrics.ArgMax([float.NaN, float.NaN]));
        Assert.Equal(0, ClassifierMetrics.ArgMax([5f, 1f, 1f])); // a tie below the top is no tie
    }

    [Fact]
    public void Confusion_matrix_counts_by_hand()
    {
        var m = ClassifierMetrics.Confusion(3, [0, 0, 1, 2, 2, 2], [0, 1, 1, 2, -1, 0]);
        Assert.Equal([1, 1, 0, 0], m.Counts[0]);
        Assert.Equal([0, 1, 0, 0], m.Counts[1]);
        Assert.Equal([1, 0, 1, 1], m.Counts[2]); // the tie in the extra column
        Assert.Equal(6, m.Total);
        Assert.Equal(3.0 / 6, m.Accuracy, 12);
        Assert.Equal(1.0 / 3, m.ClassAccuracy(2), 12);
    }

    [Fact]
    public void Predictions_come_from_onnxruntime_with_ties_wrong()
    {
        var data = FourRows();
        Assert.Equal([0, 1, -1, 1], ClassifierMetrics.Predict(Identity2(), data.Inputs, TestContext.Current.CancellationToken));
        var confusion = ClassifierMetrics.Confusion(Identity2(), data, TestContext.Current.CancellationToken);
        Assert.Equal(0.5, confusion.Accuracy);
        Assert.Empty(ClassifierMetrics.Predict(Identity2(), [], TestContext.Current.CancellationToken));
        Assert.Equal([1, 1, 0], confusion.Counts[0]);
        Assert.Equal([0, 1, 1], confusion.Counts[1]);
    }

    [Fact]
    public async Task Constraint_accuracy_checks_points_by_class_and_regions_by_proof()
    {
        var items = new[]
        {
            new EditItem([1, 0], 0, EditKind.Misclassified, "right"),
            new EditItem([0.5, 0.5], 1, EditKind.Misclassified, "tie"),
            new EditItem([1, 0], 0, EditKind.Region, "robust", 0.1),         // y0 ≥ 0.9 > 0.1 ≥ y1 on the whole ball: proven
            new EditItem([0.55, 0.45], 0, EditKind.Region, "fragile", 0.1), // (0.45, 0.55) is in the ball: violated
        };
        var result = await ClassifierMetrics.ConstraintAccuracyAsync(Identity2(), items, new ValueRange(0, 1), TimeSpan.FromSeconds(20), 1, TestContext.Current.CancellationToken);
        Assert.Equal(new ConstraintAccuracy(4, 2, 0), result);
        Assert.Equal(0.5, result.Value);
        Assert.Equal(1, ConstraintAccuracy.Empty.Value);
    }

    [Fact]
    public async Task Scores_combine_accuracy_drawdown_efficacy_and_generalisation()
    {
        var repair = new EditSet("e", [new EditItem([0, 1], 1, EditKind.Class, "a"), new EditItem([0, 1], 0, EditKind.Class, "b")]);
        var heldOut = new EditSet("h", [new EditItem([3, 1], 0, EditKind.Class, "c")]);
        var scores = await ClassifierMetrics.ScoreAsync(Identity2(), FourRows(), new EditSplit(repair, heldOut), 0.8, TimeSpan.FromSeconds(5), 1, TestContext.Current.CancellationToken);
        Assert.Equal(0.5, scores.TestAccuracy);
        Assert.Equal(0.3, scores.Drawdown, 12);
        Assert.Equal(0.5, scores.Efficacy);
        Assert.Equal(1, scores.Generalisation);
        Assert.Equal(4, scores.Confusion.Total);
        var original = await ClassifierMetrics.ScoreAsync(Identity2(), FourRows(), new EditSplit(repair, heldOut), null, TimeSpan.FromSeconds(5), 1, TestContext.Current.CancellationToken);
        Assert.Equal(0, original.Drawdown);
    }

    [Fact]
    public async Task Fashion_mnist_accuracy_matches_the_documented_model()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = await OnnxModelLoader.LoadAsync(TestData.FashionMnistModel, ct);
        var data = (await DatasetLoader.LoadAsync(TestData.FashionMnistTest1000, cancellationToken: ct)).Data;
        var confusion = ClassifierMetrics.Confusion(model, data, ct);
        Assert.Equal(1000, confusion.Total);
        Assert.InRange(confusion.Accuracy, 0.83, 0.91); // 87.28 % on all 10,000
        Assert.Equal(10, confusion.Classes);
        Assert.Equal(data.Labels.Count(l => l == 3), confusion.Counts[3].Sum());
    }

    [Fact]
    public async Task Peak_memory_sees_an_allocation_made_while_the_action_runs()
    {
        var before = PeakMemory.Sample();
        var (length, peak) = await PeakMemory.MeasureAsync(async () =>
        {
            var block = new byte[96 << 20];
            Array.Fill(block, (byte)1); // touch every page so it is resident
            await Task.Delay(120, TestContext.Current.CancellationToken);
            return block.Length + (block[^1] - 1);
        });
        Assert.Equal(96 << 20, length);
        Assert.True(peak >= before + (64 << 20), $"peak {peak} vs {before} before");
    }
}
