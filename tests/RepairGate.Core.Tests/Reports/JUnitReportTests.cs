using System.Xml.Linq;
using RepairGate.Core.Reports;

namespace RepairGate.Core.Tests.Reports;

public class JUnitReportTests
{
    [Fact]
    public void Validates_against_the_JUnit_schema_with_and_without_timing()
    {
        Assert.Empty(JUnitSchema.Errors(JUnitReport.Render(SampleReports.Mixed())));
        Assert.Empty(JUnitSchema.Errors(JUnitReport.Render(SampleReports.Mixed().WithoutTiming())));
    }

    [Fact]
    public void The_schema_check_catches_a_malformed_file()
    {
        var broken = JUnitReport.Render(SampleReports.Mixed()).Replace("<testcase name=\"prop_1\"", "<testcase label=\"prop_1\"");
        Assert.NotEmpty(JUnitSchema.Errors(broken));
    }

    [Fact]
    public void One_suite_per_model_one_case_per_property_violations_fail_undecided_errors()
    {
        var xml = XDocument.Parse(JUnitReport.Render(SampleReports.Mixed()));
        var root = xml.Root!;
        Assert.Equal("5", root.Attribute("tests")!.Value);
        Assert.Equal("1", root.Attribute("failures")!.Value);
        Assert.Equal("2", root.Attribute("errors")!.Value);
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["models/net_a.onnx", "models/net_b.onnx", "repair models/net_a.onnx"], suites.Select(s => s.Attribute("name")!.Value));
        var violated = suites[0].Elements("testcase").Single(c => c.Attribute("name")!.Value == "prop_2");
        var failure = violated.Element("failure")!;
        Assert.Contains("Y_0 - Y_1 <= 0", failure.Attribute("message")!.Value);
        Assert.Contains("input:  [0.5, -0.25]", failure.Value);
        Assert.Contains("output: [1.5, 2.75]", failure.Value);
        Assert.Null(suites[0].Elements("testcase").First().Element("failure"));
        Assert.All(suites[1].Elements("testcase"), c => Assert.NotNull(c.Element("error")));
    }

    [Fact]
    public void Time_attributes_only_with_timing()
    {
        Assert.Contains("time=\"1.500\"", JUnitReport.Render(SampleReports.Mixed()));
        Assert.DoesNotContain("time=", JUnitReport.Render(SampleReports.Mixed().WithoutTiming()));
    }

    [Fact]
    public void A_failed_repair_is_a_failure()
    {
        var report = SampleReports.Mixed() with { Repairs = [SampleReports.Repair(succeeded: false)] };
        var xml = XDocument.Parse(JUnitReport.Render(report));
        var repairCase = xml.Root!.Elements("testsuite").Last().Element("testcase")!;
        Assert.Equal("infeasible", repairCase.Element("failure")!.Attribute("type")!.Value);
        Assert.Empty(JUnitSchema.Errors(xml.ToString()));
    }
}
