namespace RepairGate.Core.Specs;

/// <summary>A 1-based line and column in a VNNLIB file.</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>An error to throw, located at this position of <paramref name="sourcePath"/>.</summary>
    public BadInputException Error(string sourcePath, string message) => new(message, sourcePath, Line, Column);

    public override string ToString() => $"line {Line}, column {Column}";
}
