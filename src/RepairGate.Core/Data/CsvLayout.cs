namespace RepairGate.Core.Data;

/// <summary>How to read a CSV table of labelled rows.</summary>
/// <param name="LabelColumn">The label column: a header name, or a 0-based index (negative counts from the end); null is the first column.</param>
/// <param name="HasHeader">Whether the first row is a header; null detects it (a first row with a non-numeric cell is a header).</param>
public sealed record CsvLayout(string? LabelColumn = null, bool? HasHeader = null)
{
    public static CsvLayout Default { get; } = new();
}
