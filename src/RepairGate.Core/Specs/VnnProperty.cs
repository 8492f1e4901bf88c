namespace RepairGate.Core.Specs;

/// <summary>
/// A safety property read from a VNNLIB file. As in VNN-COMP, it describes the UNSAFE set,
/// which is the union of <see cref="Cases"/>.
/// </summary>
/// <param name="SourcePath">The file the property was read from, used in messages.</param>
/// <param name="InputCount">Number of inputs X_0..X_{n-1}; every case's box has this dimension.</param>
/// <param name="OutputCount">Number of outputs Y_0..Y_{m-1}; every constraint has this many coefficients.</param>
/// <param name="Cases">Input boxes with their unsafe outputs, in order of first appearance in the file.</param>
public sealed record VnnProperty(string SourcePath, int InputCount, int OutputCount, IReadOnlyList<PropertyCase> Cases)
{
    /// <summary>The file name without extension, e.g. <c>prop_1</c>.</summary>
    public string Name => Path.GetFileNameWithoutExtension(SourcePath);

    /// <summary>
    /// Throws <see cref="BadInputException"/> (located at the property file) when the model's input or output count
    /// differs from the property's.
    /// </summary>
    public void EnsureMatches(int modelInputs, int modelOutputs, string modelPath)
    {
        var problems = new List<string>();
        if (modelInputs != InputCount)
            problems.Add($"the property has {Count(InputCount, "input")} ({Range("X", InputCount)}) but model {modelPath} takes {modelInputs}");
        if (modelOutputs != OutputCount)
            problems.Add($"the property has {Count(OutputCount, "output")} ({Range("Y", OutputCount)}) but model {modelPath} produces {modelOutputs}");
        if (problems.Count > 0) throw new BadInputException(string.Join("; ", problems), SourcePath);
    }

    /// <summary>
    /// True, with the index of the first matching case, when <paramref name="x"/> lies in some case's box and
    /// <paramref name="y"/> is unsafe for that case; otherwise false with <paramref name="caseIndex"/> = -1.
    /// </summary>
    public bool IsCounterexample(ReadOnlySpan<double> x, ReadOnlySpan<double> y, out int caseIndex)
    {
        for (var i = 0; i < Cases.Count; i++)
        {
            if (Cases[i].Input.Contains(x) && Cases[i].IsUnsafe(y))
            {
                caseIndex = i;
                return true;
            }
        }
        caseIndex = -1;
        return false;
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Range(string prefix, int count) =>
        count == 1 ? $"{prefix}_0" : $"{prefix}_0..{prefix}_{count - 1}";
}
