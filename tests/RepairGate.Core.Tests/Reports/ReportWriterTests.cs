using RepairGate.Core.Reports;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Tests.Reports;

public class ReportWriterTests
{
    [Fact]
    public async Task Writes_every_format_and_one_vnncomp_file_per_property()
    {
        var folder = TestData.TempFolder();
        var written = await ReportWriter.WriteAllAsync(SampleReports.Mixed(), folder, ReportFormats.All, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["report.json", "junit.xml", "summary.md", "report.html", "vnncomp/net_a__prop_1.txt", "vnncomp/net_a__prop_2.txt", "vnncomp/net_b__prop_1.txt", "vnncomp/net_b__prop_2.txt"],
            written.Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/')));
        Assert.Equal("sat\n((X_0 0.5)\n (X_1 -0.25)\n (Y_0 1.5)\n (Y_1 2.75))\n", File.ReadAllText(Path.Combine(folder, "vnncomp", "net_a__prop_2.txt")));
        Assert.Equal("timeout\n", File.ReadAllText(Path.Combine(folder, "vnncomp", "net_b__prop_2.txt")));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Report_vnncomp_text_matches_the_verify_result_file()
    {
        var cex = new Counterexample([0.1f, -2f], [3.5f], 0, -0.5, "pgd");
        var result = new VerificationResult(Verdict.Sat, cex, TimeSpan.Zero, "", new VerificationStatistics());
        var fromReport = VnnCompResultFile.Format(Verdict.Sat, cex.Input.Select(v => (double)v).ToList(), cex.Output.Select(v => (double)v).ToList());
        Assert.Equal(VnnCompResultFile.Format(result), fromReport);
    }

    [Fact]
    public async Task Only_the_chosen_formats()
    {
        var folder = TestData.TempFolder();
        await ReportWriter.WriteAllAsync(SampleReports.Mixed(), folder, ReportFormatNames.Parse("junit, md"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["junit.xml", "summary.md"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unknown_format_names_are_bad_input()
    {
        var e = Assert.Throws<BadInputException>(() => ReportFormatNames.Parse("json,pdf"));
        Assert.Contains("unknown format 'pdf'", e.Message);
    }

    [Fact]
    public async Task Never_writes_over_an_input()
    {
        var folder = TestData.TempFolder();
        var input = Path.Combine(folder, "report.json");
        await File.WriteAllTextAsync(input, "keep", TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<BadInputException>(() => ReportWriter.WriteAllAsync(SampleReports.Mixed(), folder, ReportFormats.Json, [input], TestContext.Current.CancellationToken));
        Assert.Equal("keep", File.ReadAllText(input));
    }

    [Fact]
    public void Same_report_same_bytes_in_every_text_format()
    {
        var a = SampleReports.Mixed().WithoutTiming();
        var b = SampleReports.Mixed().WithoutTiming();
        Assert.Equal(ReportJson.Serialize(a), ReportJson.Serialize(b));
        Assert.Equal(JUnitReport.Render(a), JUnitReport.Render(b));
        Assert.Equal(MarkdownReport.Render(a), MarkdownReport.Render(b));
        Assert.Equal(HtmlReport.Render(a), HtmlReport.Render(b));
    }

    [Fact]
    public void Colliding_file_names_get_a_suffix()
    {
        var report = SampleReports.AllHold() with
        {
            Models = [SampleReports.Model("net", SampleReports.Property("p", Verdict.Unsat)), SampleReports.Model("net", SampleReports.Property("p", Verdict.Sat)) with { Path = "other/net.onnx" }],
        };
        Assert.Equal(["net__p.txt", "net__p-2.txt"], ReportWriter.VnnCompFileNames(report).Select(n => n.Name));
    }
}
