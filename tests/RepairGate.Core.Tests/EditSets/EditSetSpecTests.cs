using RepairGate.Core.EditSets;

namespace RepairGate.Core.Tests.EditSets;

public class EditSetSpecTests
{
    [Fact]
    public void Every_kind_parses()
    {
        var m = EditSetSpec.Parse("misclassified:100");
        Assert.Equal((EditKind.Misclassified, (int?)100), (m.Kind, m.Count));
        Assert.Null(EditSetSpec.Parse("misclassified").Count);

        var c = EditSetSpec.Parse("classes:3,5:20");
        Assert.Equal([3, 5], c.Classes);
        Assert.Equal((EditKind.Class, (int?)20), (c.Kind, c.Count));

        var f = EditSetSpec.Parse("corrupted:fog:0.3:50");
        Assert.Equal((EditKind.Corrupted, Corruption.Fog, 0.3, (int?)50), (f.Kind, f.Corruption, f.Amount, f.Count));
        Assert.Equal(-0.2, EditSetSpec.Parse("corrupted:brightness:-0.2").Amount);

        var r = EditSetSpec.Parse("region:0.01:10");
        Assert.Equal((EditKind.Region, 0.01, (int?)10), (r.Kind, r.Amount, r.Count));

        var file = EditSetSpec.Parse(@"file:C:\data\edits.csv");
        Assert.Equal(@"C:\data\edits.csv", file.Path);
        Assert.Equal(@"file:C:\data\edits.csv", file.Text);
    }

    [Theory]
    [InlineData("", "empty spec")]
    [InlineData("wrong:3", "unknown kind 'wrong'")]
    [InlineData("misclassified:0", "the item count '0' must be a positive integer")]
    [InlineData("misclassified:ten", "the item count 'ten'")]
    [InlineData("misclassified:5:6", "too many parts ('6' is extra)")]
    [InlineData("classes", "too few parts")]
    [InlineData("classes:a,2", "class 'a' must be a non-negative integer label")]
    [InlineData("classes:-1", "class '-1'")]
    [InlineData("corrupted:snow:0.2", "unknown corruption 'snow'; known: noise, brightness, blur, fog")]
    [InlineData("corrupted:fog", "too few parts")]
    [InlineData("corrupted:fog:1.5", "fog severity 1.5 is out of range")]
    [InlineData("corrupted:noise:0", "noise severity 0 is out of range")]
    [InlineData("corrupted:blur:x", "the severity 'x' is not a number")]
    [InlineData("region:-0.1", "the region radius must be above 0")]
    [InlineData("file:", "file: needs a CSV path")]
    public void Bad_specs_say_what_is_wrong_and_show_the_grammar(string text, string expected)
    {
        var error = Assert.Throws<BadInputException>(() => EditSetSpec.Parse(text));
        Assert.Contains(expected, error.Message);
        Assert.Contains("expected misclassified[:N]", error.Message);
    }
}
