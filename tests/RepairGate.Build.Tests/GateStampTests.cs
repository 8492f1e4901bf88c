namespace RepairGate.Build.Tests;

public class GateStampTests
{
    private readonly string _folder = TestData.TempFolder();

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private GateModel Model(params string[] properties) =>
        new("m.onnx", Path.Combine(_folder, "m.onnx"), properties, false, "auto", 0.005, 60, 1, Path.Combine(_folder, "m.repaired.onnx"));

    [Fact]
    public void Hash_follows_content_not_timestamps()
    {
        File("m.onnx", "model");
        var property = File("p.vnnlib", "(assert (<= X_0 1))");
        var runner = File("repairgate.dll", "runner v1");
        var first = GateStamp.Compute(Model(property), "--timeout 60", [runner]);

        System.IO.File.SetLastWriteTimeUtc(property, DateTime.UtcNow.AddHours(1));
        File("m.onnx", "model"); // rewritten, same bytes
        Assert.Equal(first, GateStamp.Compute(Model(property), "--timeout 60", [runner]));

        Assert.NotEqual(first, GateStamp.Compute(Model(property), "--timeout 30", [runner]));
        File("p.vnnlib", "(assert (<= X_0 2))");
        var changedProperty = GateStamp.Compute(Model(property), "--timeout 60", [runner]);
        Assert.NotEqual(first, changedProperty);
        File("repairgate.dll", "runner v2");
        Assert.NotEqual(changedProperty, GateStamp.Compute(Model(property), "--timeout 60", [runner]));
    }

    [Fact]
    public void Stamp_file_round_trip_and_clear()
    {
        File("m.onnx", "model");
        var stamp = GateStamp.PathFor(Path.Combine(_folder, "cache"), Model());

        Assert.False(GateStamp.IsCurrent(stamp, "abc"));
        GateStamp.Write(stamp, "abc");
        Assert.True(GateStamp.IsCurrent(stamp, "abc"));
        Assert.False(GateStamp.IsCurrent(stamp, "abd"));
        GateStamp.Clear(stamp);
        Assert.False(GateStamp.IsCurrent(stamp, "abc"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("1/1", true)]
    [InlineData("2/3", true)]
    [InlineData("0/3", false)]
    [InlineData("4/3", false)]
    [InlineData("2", false)]
    [InlineData("a/b", false)]
    public void Shard_syntax(string text, bool valid) => Assert.Equal(valid, GateShard.TryParse(text, out _));

    [Fact]
    public void Shards_partition_the_models()
    {
        var shards = Enumerable.Range(1, 3).Select(i => { GateShard.TryParse($"{i}/3", out var s); return s; }).ToArray();

        for (var model = 0; model < 10; model++)
            Assert.Single(shards, s => s.Includes(model));
    }
}
