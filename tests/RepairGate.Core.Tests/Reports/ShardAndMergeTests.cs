using RepairGate.Core.Reports;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Tests.Reports;

public class ShardAndMergeTests
{
    private static readonly string[] Keys = Enumerable.Range(0, 23).Select(i => $"model_{i % 4}\nprop_{i}").ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(30)]
    public void Every_item_lands_in_exactly_one_shard_of_balanced_size(int count)
    {
        var shards = Enumerable.Range(1, count).Select(i => Shard.Select(Keys, k => k, new ShardInfo(i, count))).ToList();
        Assert.Equal(Keys.Order(StringComparer.Ordinal), shards.SelectMany(s => s).Order(StringComparer.Ordinal));
        Assert.InRange(shards.Max(s => s.Count) - shards.Min(s => s.Count), 0, 1);
    }

    [Fact]
    public void The_split_does_not_depend_on_the_order_items_are_given_in()
    {
        var shard = new ShardInfo(2, 3);
        Assert.Equal(Shard.Select(Keys, k => k, shard), Shard.Select(Keys.Reverse(), k => k, shard));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("a/b")]
    [InlineData("2")]
    [InlineData("-1/3")]
    public void Bad_shard_text_is_bad_input(string text)
    {
        var e = Assert.Throws<BadInputException>(() => Shard.Parse(text));
        Assert.Contains("--shard must be i/n", e.Message);
    }

    private static RunReport Whole() => SampleReports.Mixed().WithoutTiming() with
    {
        Models =
        [
            SampleReports.Model("net_a", Enumerable.Range(1, 5).Select(i => SampleReports.Property($"prop_{i}", i == 2 ? Verdict.Sat : Verdict.Unsat)).ToArray()),
            SampleReports.Model("net_b", Enumerable.Range(1, 4).Select(i => SampleReports.Property($"prop_{i}", Verdict.Unsat)).ToArray()),
        ],
    };

    /// <summary>Splits a report as sharded runs would produce it: each shard holds its slice of the (model, property) pairs.</summary>
    private static RunReport Slice(RunReport whole, ShardInfo shard)
    {
        var mine = Shard.Select(whole.AllProperties, p => $"{p.Model.Path}\n{p.Property.Path}", shard);
        var models = mine.GroupBy(p => p.Model.Path).Select(g => g.First().Model with { Properties = g.Select(p => p.Property).ToList() }).ToList();
        return whole with { Models = models, Shard = shard, Repairs = shard.Index == 1 ? whole.Repairs : [] };
    }

    [Fact]
    public void Merging_three_shards_gives_the_unsharded_report_byte_for_byte()
    {
        var whole = Whole();
        var shards = new[] { 3, 1, 2 }.Select(i => ($"shard{i}.json", ReportJson.Deserialize(ReportJson.Serialize(Slice(whole, new ShardInfo(i, 3))), $"shard{i}.json"))).ToList();
        var merged = ReportMerger.Merge(shards);
        Assert.Equal(ReportJson.Serialize(whole), ReportJson.Serialize(merged));
        Assert.Equal(JUnitReport.Render(whole), JUnitReport.Render(merged));
        Assert.Equal(MarkdownReport.Render(whole), MarkdownReport.Render(merged));
    }

    [Fact]
    public void Merged_timing_starts_earliest_and_sums_the_shards()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var a = Slice(Whole(), new ShardInfo(1, 2)) with { Timing = new RunTiming(start.AddMinutes(1), 10) };
        var b = Slice(Whole(), new ShardInfo(2, 2)) with { Timing = new RunTiming(start, 5) };
        Assert.Equal(new RunTiming(start, 15), ReportMerger.Merge([("a", a), ("b", b)]).Timing);
    }

    [Fact]
    public void A_missing_shard_is_refused()
    {
        var e = Assert.Throws<BadInputException>(() => ReportMerger.Merge([("a.json", Slice(Whole(), new ShardInfo(1, 3))), ("c.json", Slice(Whole(), new ShardInfo(3, 3)))]));
        Assert.Contains("missing shard 2/3", e.Message);
    }

    [Fact]
    public void The_same_property_twice_is_refused()
    {
        var e = Assert.Throws<BadInputException>(() => ReportMerger.Merge([("a.json", Whole()), ("b.json", Whole())]));
        Assert.Contains("b.json: models/net_a.onnx / props/prop_1.vnnlib is in both a.json and this report", e.Message);
    }

    [Fact]
    public void Different_model_files_under_one_path_are_refused()
    {
        var a = Slice(Whole(), new ShardInfo(1, 2));
        var b = Slice(Whole(), new ShardInfo(2, 2));
        b = b with { Models = b.Models.Select(m => m with { Sha256 = new string('c', 64) }).ToList() };
        var e = Assert.Throws<BadInputException>(() => ReportMerger.Merge([("a.json", a), ("b.json", b)]));
        Assert.Contains("has a different hash", e.Message);
    }
}
