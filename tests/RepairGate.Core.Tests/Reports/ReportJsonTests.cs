using RepairGate.Core.Reports;

namespace RepairGate.Core.Tests.Reports;

public class ReportJsonTests
{
    [Fact]
    public void Round_trips_to_the_same_text()
    {
        var json = ReportJson.Serialize(SampleReports.Mixed());
        var again = ReportJson.Serialize(ReportJson.Deserialize(json, "report.json"));
        Assert.Equal(json, again);
    }

    [Fact]
    public void Uses_documented_names_and_verdict_words()
    {
        var json = ReportJson.Serialize(SampleReports.Mixed());
        Assert.StartsWith("{\n  \"schemaVersion\": 1,\n  \"command\": \"verify\",", json);
        foreach (var field in new[] { "\"environment\"", "\"models\"", "\"sha256\"", "\"verdict\": \"sat\"", "\"verdict\": \"unsat\"", "\"verdict\": \"timeout\"",
                     "\"counterexample\"", "\"violatedConstraint\": \"Y_0 - Y_1 <= 0\"", "\"statistics\"", "\"repairs\"", "\"weightChange\"", "\"lInf\"", "\"layerChanges\"",
                     "\"preserve\"", "\"finalVerdict\": \"unsat\"", "\"timing\"", "\"startedUtc\"" })
            Assert.Contains(field, json);
    }

    [Fact]
    public void Without_timing_has_no_durations_or_timestamps()
    {
        var json = ReportJson.Serialize(SampleReports.Mixed().WithoutTiming());
        Assert.DoesNotContain("timing", json);
        Assert.DoesNotContain("\"seconds\"", json);
        Assert.DoesNotContain("startedUtc", json);
        Assert.DoesNotContain("solve time", json);
        Assert.Contains("\"budgetSeconds\"", ReportJson.Serialize(SampleReports.Mixed()));
    }

    [Fact]
    public void Another_schema_version_is_refused_with_the_file_name()
    {
        var json = ReportJson.Serialize(SampleReports.Mixed()).Replace("\"schemaVersion\": 1", "\"schemaVersion\": 99");
        var e = Assert.Throws<BadInputException>(() => ReportJson.Deserialize(json, "old.json"));
        Assert.Contains("old.json: report schema version 99 is not supported", e.Message);
    }

    [Fact]
    public void Malformed_json_names_file_and_line()
    {
        var e = Assert.Throws<BadInputException>(() => ReportJson.Deserialize("{\n \"schemaVersion\": 1,\n \"models\": [}", "bad.json"));
        Assert.StartsWith("bad.json(3,", e.Message);
    }

    [Fact]
    public void A_missing_required_field_is_bad_input()
    {
        var json = ReportJson.Serialize(SampleReports.AllHold()).Replace("\"repairs\": [],", "");
        var e = Assert.Throws<BadInputException>(() => ReportJson.Deserialize(json, "partial.json"));
        Assert.Contains("partial.json", e.Message);
        Assert.Contains("repairs", e.Message);
    }
}
