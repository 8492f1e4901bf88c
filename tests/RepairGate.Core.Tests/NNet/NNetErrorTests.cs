using RepairGate.Core.NNet;

namespace RepairGate.Core.Tests.NNet;

public class NNetErrorTests
{
    [Theory]
    [InlineData(3, "2,2,1,", 7, "header (numLayers, inputSize, outputSize, maxLayerSize): expected 4 values, found 3")]
    [InlineData(3, "0,2,1,2,", 1, "numLayers must be at least 1, got 0")]
    [InlineData(3, "2,2,1,5,", 7, "maxLayerSize is 5 but the largest layer on line 4 has 2 neurons")]
    [InlineData(3, "2,2.5,1,2,", 3, "'2.5' is not a whole number")]
    [InlineData(4, "3,2,1,", 1, "the input layer size 3 differs from inputSize 2 on line 3")]
    [InlineData(4, "2,2,3,", 5, "the output layer size 3 differs from outputSize 1 on line 3")]
    [InlineData(4, "2,2,1,1,", 7, "layer sizes (numLayers + 1 = 3): expected 3 values, found 4")]
    [InlineData(4, "2,-2,1,", 3, "layer sizes must be at least 1, got -2")]
    [InlineData(5, "zero,", 1, "'zero' is not a number")]
    [InlineData(6, "-10,", 5, "input minimums: expected 2 values, found 1")]
    [InlineData(7, "10,-20,", 4, "input 2: maximum -20 is below its minimum")]
    [InlineData(8, "1,x2,0.5,", 3, "'x2' is not a number")]
    [InlineData(8, "1,-2,", 6, "means (one per input, then one for the outputs): expected 3 values, found 2")]
    [InlineData(9, "2,0,8,", 3, "a range of 0 would divide by zero")]
    [InlineData(9, "2,4,NaN,", 5, "'NaN' is not a finite number")]
    [InlineData(10, "1,-1,3,", 6, "layer 1 weight row 1 of 2: expected 2 values, found 3")]
    [InlineData(10, "1,", 3, "layer 1 weight row 1 of 2: expected 2 values, found 1")]
    [InlineData(10, "1,,", 3, "missing value between commas")]
    [InlineData(11, "0.5 2,", 1, "'0.5 2' is not a number")]
    [InlineData(12, "  abc,", 3, "'abc' is not a number")]
    [InlineData(13, "-1,4,", 4, "layer 1 bias 2 of 2: expected 1 value, found 2")]
    [InlineData(15, "0.5e,", 1, "'0.5e' is not a number")]
    public void BadLine_ReportsLineAndColumn(int line, string replacement, int column, string reason)
    {
        var text = NNetTestData.TinyWithLine(line, replacement);

        AssertBadInput(text, line, column, reason);
    }

    [Fact]
    public void TruncatedFile_PointsAtTheEnd()
    {
        var text = NNetTestData.Join(NNetTestData.TinyLines[..13]); // 13 lines, then a final newline

        AssertBadInput(text, 14, 1, "the file ends early: expected layer 2 weight row 1 of 1");
    }

    [Fact]
    public void TruncatedFileWithoutFinalNewline_PointsAfterTheLastCharacter()
    {
        var text = string.Join("\n", NNetTestData.TinyLines[..14]); // ends with "2,-3,"

        AssertBadInput(text, 14, 6, "the file ends early: expected layer 2 bias 1 of 1");
    }

    [Fact]
    public void EmptyFile_IsTruncatedAtTheStart() =>
        AssertBadInput("", 1, 1, "the file ends early: expected the header line (numLayers, inputSize, outputSize, maxLayerSize)");

    [Fact]
    public void ContentAfterTheLastLayer_IsRejected() =>
        AssertBadInput(NNetTestData.Tiny + "\n  7,\n", 17, 3, "unexpected content after the last layer");

    [Fact]
    public void HugeLayerSize_IsRejectedBeforeAllocating()
    {
        var text = NNetTestData.TinyWithLine(3, "2,2,1,100000000,").Replace("\n2,2,1,\n", "\n2,100000000,1,\n");

        AssertBadInput(text, 4, 3, "layer 1 would need 200000000 weights, more than the file can hold");
    }

    [Fact]
    public void MissingFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "missing.nnet");

        var error = Assert.Throws<BadInputException>(() => NNetReader.Load(path));

        Assert.Equal((path, 0, 0, "file not found"), (error.File, error.Line, error.Column, error.Reason));
        Assert.Equal($"{path}: file not found", error.Message);
    }

    [Fact]
    public async Task MissingFile_NamesTheFileWhenLoadingAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.nnet");

        var error = await Assert.ThrowsAsync<BadInputException>(
            () => NNetReader.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal((path, "file not found"), (error.File, error.Reason));
    }

    private static void AssertBadInput(string text, int line, int column, string reason)
    {
        var error = Assert.Throws<BadInputException>(() => NNetReader.Parse(text, NNetTestData.TinyPath));

        Assert.Equal(reason, error.Reason);
        Assert.Equal((NNetTestData.TinyPath, line, column), (error.File, error.Line, error.Column));
        Assert.StartsWith($"{NNetTestData.TinyPath}({line},{column}): ", error.Message);
    }
}
