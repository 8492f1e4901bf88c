using System.Globalization;
using System.Text.Json;
using RepairGate.Core.Comparison;
using RepairGate.Core.Metrics;
using RepairGate.Core.Reports;
using RepairGate.Core.Repair;

namespace RepairGate.Core.Tests.Reports;

/// <summary>The comparison renderings on a hand-made result whose every number is known.</summary>
public class ComparisonReportTests
{
    /// <summary>Two classes, 20 test rows; original 17/20 right; last-layer 16/20 (drawdown 5 %); milp infeasible; gradient 17/20 but efficacy 75 %.</summary>
    internal static ComparisonResult Sample(double lastLayerSeconds = 1.5)
    {
        static ConfusionMatrix M(int a, int b, int c, int d) => new(2, [[a, b, 0], [c, d, 0]]);
        var original = new ClassifierScores(0.85, 0, 0, 0.5, M(9, 1, 2, 8));
        var lastLayer = new ClassifierScores(0.80, 0.05, 1, 1, M(8, 2, 2, 8));
        var gradient = new ClassifierScores(0.85, 0, 0.75, 0.5, M(9, 1, 2, 8));
        var network = TinyNetwork();
        return new ComparisonResult("tiny.onnx", "misclassified:6", 4, 2, 20, original,
        [
            new MethodResult("last-layer", RepairStatus.Repaired, "all 4 points fixed, output layer", lastLayer,
                new WeightChange(0.125, 0.5, 3, ["2: fc2"]), TimeSpan.FromSeconds(lastLayerSeconds), 100L * 1024 * 1024, network),
            new MethodResult("milp", RepairStatus.Infeasible, "no change within bound 0.5, conflicting points: 1, 3", null, null, TimeSpan.FromSeconds(0.25), 90L * 1024 * 1024, null),
            new MethodResult("gradient", RepairStatus.Failed, "3 of 4 points fixed, \"best\" kept", gradient,
                new WeightChange(0.5, 2, 8, ["0: fc1", "2: fc2"]), TimeSpan.FromSeconds(2), 120L * 1024 * 1024, network),
        ]);
    }

    private static Model.Network TinyNetwork() =>
        new([new Model.AffineLayer([1, 0, 0, 1], [0, 0], [2], [2], "fc")], new Model.NetworkIo("x", [1, 2], "y", [1, 2]), "tiny.onnx");

    [Fact]
    public void Best_is_highest_efficacy_then_lowest_drawdown_among_methods_with_a_model()
    {
        var result = Sample();
        Assert.Equal("last-layer", ComparisonRows.Best(result)!.Method);
        Assert.Equal("gradient", ComparisonRows.BestMeeting(result, minEfficacy: 0.7, maxDrawdown: 0.01)!.Method);
        Assert.Null(ComparisonRows.BestMeeting(result, minEfficacy: 1, maxDrawdown: 0.01));
        Assert.Equal(["last-layer"], ComparisonRows.Meeting(result, 1, null).Select(m => m.Method));
    }

    [Fact]
    public void Markdown_has_the_original_first_then_one_row_per_method()
    {
        var md = ComparisonMarkdown.Render(Sample(), deterministic: false);
        var lines = md.Split('\n');
        Assert.Equal("## RepairGate comparison: tiny.onnx", lines[0]);
        Assert.Contains("Model tiny.onnx; edit set misclassified:6: 4 repair items, 2 held out; 20 test rows.", md);
        var table = lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, table.Count); // header, rule, original, 3 methods
        Assert.Equal("| original | - | 85.00 % | 0.00 % | 0.00 % | 50.00 % | - | - | - | - | - |", table[2]);
        Assert.Equal("| last-layer | Repaired | 80.00 % | 5.00 % | 100.00 % | 100.00 % | 0.125 | 0.5 | 2: fc2 | 1.50 s | 100 MB |", table[3]);
        Assert.Equal("| milp | Infeasible | - | - | - | - | - | - | - | 0.25 s | 90 MB |", table[4]);
        Assert.Contains("Best: last-layer (efficacy 100.00 %, drawdown 5.00 %, generalisation 100.00 %).", md);
        Assert.Contains("- milp: no change within bound 0.5, conflicting points: 1, 3", md);
    }

    [Fact]
    public void Deterministic_renderings_leave_time_and_memory_out_and_do_not_depend_on_them()
    {
        foreach (var render in new Func<ComparisonResult, string>[]
                 {
                     r => ComparisonMarkdown.Render(r, true), r => ComparisonCsv.Render(r, true), r => ComparisonHtml.Render(r, true), r => ComparisonJson.Render(r, true),
                 })
        {
            var text = render(Sample(1.5));
            Assert.Equal(text, render(Sample(7.25)));
            Assert.DoesNotContain("100 MB", text);
            Assert.DoesNotContain("1.5", text);
        }
        Assert.DoesNotContain("| time |", ComparisonMarkdown.Render(Sample(), true));
    }

    [Fact]
    public void Csv_has_stable_columns_invariant_numbers_and_quoted_cells()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var lines = ComparisonCsv.Render(Sample(), deterministic: false).TrimEnd('\n').Split('\n');
            Assert.Equal(ComparisonCsv.Header, lines[0]);
            Assert.Equal(5, lines.Length);
            Assert.Equal("original,,0.85,0,0,0.5,,,,,,,4,2,20,", lines[1]);
            Assert.Equal("last-layer,Repaired,0.8,0.05,1,1,0.125,0.5,3,2: fc2,1.5,104857600,4,2,20,\"all 4 points fixed, output layer\"", lines[2]);
            Assert.EndsWith(",\"3 of 4 points fixed, \"\"best\"\" kept\"", lines[4]);
            var deterministic = ComparisonCsv.Render(Sample(), true).Split('\n')[2].Split(',');
            Assert.Equal(("", ""), (deterministic[10], deterministic[11]));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Json_holds_scores_changes_and_the_best_method()
    {
        using var json = JsonDocument.Parse(ComparisonJson.Render(Sample(), deterministic: false));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("last-layer", root.GetProperty("best").GetString());
        Assert.Equal(0.85, root.GetProperty("original").GetProperty("testAccuracy").GetDouble());
        Assert.Equal(9, root.GetProperty("original").GetProperty("confusion").GetProperty("counts")[0][0].GetInt32());
        var methods = root.GetProperty("methods");
        Assert.Equal(3, methods.GetArrayLength());
        Assert.Equal("infeasible", methods[1].GetProperty("status").GetString());
        Assert.False(methods[1].TryGetProperty("scores", out _));
        Assert.Equal(0.125, methods[0].GetProperty("change").GetProperty("lInf").GetDouble());
        Assert.Equal(1.5, methods[0].GetProperty("seconds").GetDouble());
        using var deterministic = JsonDocument.Parse(ComparisonJson.Render(Sample(), deterministic: true));
        Assert.False(deterministic.RootElement.GetProperty("methods")[0].TryGetProperty("seconds", out _));
    }

    [Fact]
    public void Html_is_self_contained_with_the_plots_and_both_confusion_matrices()
    {
        var html = ComparisonHtml.Render(Sample(), deterministic: false, maxDrawdown: 0.01);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("id=\"drawdown-efficacy\"", html);
        Assert.Contains("max drawdown 1.00 %", html);
        Assert.Contains("id=\"scores\"", html);
        Assert.Contains("id=\"weight-change\"", html);
        Assert.Contains("Original model on the test rows", html);
        Assert.Contains("Best method (last-layer) on the test rows", html);
        Assert.Contains("<tr class=\"best\"><td>last-layer</td>", html);
        Assert.Contains("label 0, predicted 1: 2 (20.00 % of the label&#39;s rows)", html);
        // One circle per scored model: original, last-layer, gradient.
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "<circle ").Count);
    }

    [Fact]
    public async Task Writer_writes_the_chosen_formats_atomically_and_never_over_an_input()
    {
        var folder = TestData.TempFolder();
        var written = await ComparisonReportWriter.WriteAllAsync(Sample(), folder, ComparisonFormatNames.Parse("csv,md"), deterministic: true,
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["comparison.md", "comparison.csv"], written.Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        var input = Path.Combine(folder, "comparison.json");
        File.WriteAllText(input, "input");
        await Assert.ThrowsAsync<BadInputException>(() => ComparisonReportWriter.WriteAllAsync(Sample(), folder, ComparisonFormats.Json, true,
            protectedPaths: [input], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("input", File.ReadAllText(input));
        var bad = Assert.Throws<BadInputException>(() => ComparisonFormatNames.Parse("md,pdf"));
        Assert.Contains("unknown format 'pdf'", bad.Message);
    }
}
