namespace RepairGate.Core.NNet;

/// <summary>Turns NNet text into numbers, checking every count and size against the header.</summary>
internal static class NNetParser
{
    private static readonly string[] HeaderNames = ["numLayers", "inputSize", "outputSize", "maxLayerSize"];

    public static NNetFileContents Parse(string text, string file)
    {
        var reader = new NNetText(text, file);
        var comments = reader.ReadHeaderComments();
        var (sizes, sizesLine) = ReadLayerSizes(reader);
        int inputSize = sizes[0], layerCount = sizes.Length - 1;

        reader.Next("the unused flag line").ReadNumbers(1, "unused flag");
        var minimums = reader.Next("the input minimums").ReadNumbers(inputSize, "input minimums");
        var maximumsLine = reader.Next("the input maximums");
        var maximums = maximumsLine.ReadNumbers(inputSize, "input maximums");
        for (var i = 0; i < inputSize; i++)
            if (maximums[i] < minimums[i])
                throw maximumsLine.Error($"input {i + 1}: maximum {maximumsLine.Tokens[i].Text} is below its minimum", maximumsLine.Tokens[i]);
        var means = reader.Next("the means").ReadNumbers(inputSize + 1, "means (one per input, then one for the outputs)");
        var rangesLine = reader.Next("the ranges");
        var ranges = rangesLine.ReadNumbers(inputSize + 1, "ranges (one per input, then one for the outputs)");
        for (var i = 0; i < ranges.Length; i++)
            if (ranges[i] == 0) throw rangesLine.Error("a range of 0 would divide by zero", rangesLine.Tokens[i]);

        var weights = new double[layerCount][];
        var biases = new double[layerCount][];
        for (var k = 0; k < layerCount; k++)
        {
            int columns = sizes[k], rows = sizes[k + 1];
            // A corrupt size must not make us allocate gigabytes: each value takes at least one character.
            if ((long)rows * columns > text.Length)
                throw sizesLine.Error($"layer {k + 1} would need {(long)rows * columns} weights, more than the file can hold", sizesLine.Tokens[k + 1]);
            weights[k] = ReadWeights(reader, k + 1, rows, columns);
            biases[k] = ReadBiases(reader, k + 1, rows);
        }
        reader.ExpectEnd();

        var info = new NNetInfo(minimums, maximums, means, ranges, comments);
        return new NNetFileContents(info, sizes, weights, biases);
    }

    /// <summary>Reads header line 1 and the layer sizes line and checks them against each other.</summary>
    private static (int[] Sizes, NNetLine Line) ReadLayerSizes(NNetText reader)
    {
        var headerLine = reader.Next("the header line (numLayers, inputSize, outputSize, maxLayerSize)");
        var header = headerLine.ReadWholeNumbers(4, "header (numLayers, inputSize, outputSize, maxLayerSize)");
        for (var i = 0; i < header.Length; i++)
            if (header[i] < 1) throw headerLine.Error($"{HeaderNames[i]} must be at least 1, got {header[i]}", headerLine.Tokens[i]);
        int layerCount = header[0], inputSize = header[1], outputSize = header[2], maxLayerSize = header[3];

        var sizesLine = reader.Next("the layer sizes");
        var sizeCount = (int)Math.Min(layerCount + 1L, int.MaxValue);
        var sizes = sizesLine.ReadWholeNumbers(sizeCount, $"layer sizes (numLayers + 1 = {sizeCount})");
        for (var i = 0; i < sizes.Length; i++)
            if (sizes[i] < 1) throw sizesLine.Error($"layer sizes must be at least 1, got {sizes[i]}", sizesLine.Tokens[i]);
        if (sizes[0] != inputSize)
            throw sizesLine.Error($"the input layer size {sizes[0]} differs from inputSize {inputSize} on line {headerLine.Number}", sizesLine.Tokens[0]);
        if (sizes[^1] != outputSize)
            throw sizesLine.Error($"the output layer size {sizes[^1]} differs from outputSize {outputSize} on line {headerLine.Number}", sizesLine.Tokens[^1]);
        if (sizes.Max() != maxLayerSize)
            throw headerLine.Error($"maxLayerSize is {maxLayerSize} but the largest layer on line {sizesLine.Number} has {sizes.Max()} neurons", headerLine.Tokens[3]);
        return (sizes, sizesLine);
    }

    private static double[] ReadWeights(NNetText reader, int layer, int rows, int columns)
    {
        var weights = new double[rows * columns];
        for (var row = 0; row < rows; row++)
        {
            var what = $"layer {layer} weight row {row + 1} of {rows}";
            reader.Next(what).ReadNumbers(columns, what).CopyTo(weights, row * columns);
        }
        return weights;
    }

    private static double[] ReadBiases(NNetText reader, int layer, int rows)
    {
        var biases = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            var what = $"layer {layer} bias {row + 1} of {rows}";
            biases[row] = reader.Next(what).ReadNumbers(1, what)[0];
        }
        return biases;
    }
}
