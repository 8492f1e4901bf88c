namespace RepairGate.Build.Tests;

public class RunnerOutputParserTests
{
    [Fact]
    public void Canonical_error_keeps_file_position_code_and_text()
    {
        var line = RunnerOutputParser.Parse("/app/specs/prop_8.vnnlib(1,1): error RG1001: acas_2_9.onnx violates prop_8: input [0.1, -0.5]");

        Assert.Equal(RunnerLineKind.Error, line.Kind);
        Assert.Equal("/app/specs/prop_8.vnnlib", line.File);
        Assert.Equal((1, 1), (line.Line, line.Column));
        Assert.Equal("RG1001", line.Code);
        Assert.Equal("acas_2_9.onnx violates prop_8: input [0.1, -0.5]", line.Text);
    }

    [Fact]
    public void Warning_without_position_and_paths_with_parentheses_and_colons()
    {
        var line = RunnerOutputParser.Parse("C:\\work (1)\\models\\a.onnx: warning RG2001: a.onnx repaired: prop_8 now holds");

        Assert.Equal(RunnerLineKind.Warning, line.Kind);
        Assert.Equal("C:\\work (1)\\models\\a.onnx", line.File);
        Assert.Equal(0, line.Line);
        Assert.Equal("RG2001", line.Code);
        Assert.Equal("a.onnx repaired: prop_8 now holds", line.Text);
    }

    [Theory]
    [InlineData("internal error: boom", "Error", "RG9001")]
    [InlineData("error: --timeout must be a positive number of seconds", "Error", "RG0001")]
    [InlineData("acas_1_1.onnx: prop_4 holds: proven by input splitting in 353 branches (6.72 s)", "Message", null)]
    [InlineData("error RG1001 without a file is progress text", "Message", null)]
    public void Other_lines(string text, string kind, string? code)
    {
        var line = RunnerOutputParser.Parse(text);

        Assert.Equal(kind, line.Kind.ToString());
        Assert.Equal(code, line.Code);
    }
}
