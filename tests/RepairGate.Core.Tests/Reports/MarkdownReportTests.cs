using RepairGate.Core.Reports;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Tests.Reports;

public class MarkdownReportTests
{
    [Fact]
    public void Headline_violations_table_and_repairs()
    {
        var md = MarkdownReport.Render(SampleReports.Mixed());
        Assert.StartsWith("## ❌ RepairGate: 4 properties on 2 models: 1 hold, 1 violated, 1 unknown, 1 timeout; 1 repair, 1 succeeded\n", md);
        Assert.Contains("<b>prop_2</b> on <b>net_a</b>: Y_0 - Y_1 &lt;= 0</summary>", md);
        Assert.Contains("input:  [0.5, -0.25]", md);
        Assert.Contains("| ❌ | net_a | prop_2 | violated | 0.20 s |", md);
        Assert.Contains("| ✅ | net_a | last-layer | repaired | 2 |", md);
        Assert.Contains("`aaaaaaaa", md);
    }

    [Fact]
    public void All_holding_is_a_green_headline()
    {
        Assert.StartsWith("## ✅ RepairGate: 2 properties on 1 model: 2 hold, 0 violated\n", MarkdownReport.Render(SampleReports.AllHold()));
    }

    [Fact]
    public void Huge_runs_fit_a_pull_request_comment_and_keep_the_violations()
    {
        var properties = Enumerable.Range(0, 3000).Select(i => SampleReports.Property($"prop_{i:D4}", i % 1000 == 7 ? Verdict.Sat : Verdict.Unsat)).ToArray();
        var report = SampleReports.AllHold() with { Models = [SampleReports.Model("big", properties)] };
        var md = MarkdownReport.Render(report);
        Assert.True(md.Length <= MarkdownReport.MaxCharacters, $"{md.Length} characters");
        Assert.Contains("3 violated", md);
        foreach (var name in new[] { "prop_0007", "prop_1007", "prop_2007" })
            Assert.Contains($"| ❌ | big | {name} | violated |", md);
        Assert.Contains("more rows (all properties hold)", md);
    }

    [Fact]
    public void Table_cells_escape_pipes_and_markup()
    {
        var odd = SampleReports.Property("a|b<c>", Verdict.Unknown) with { Detail = "x | y" };
        var md = MarkdownReport.Render(SampleReports.AllHold() with { Models = [SampleReports.Model("m", odd)] });
        Assert.Contains("| a\\|b&lt;c&gt; | unknown |", md);
        Assert.Contains("x \\| y |", md);
    }
}
