namespace RepairGate.Core.Reports;

/// <summary>One model and the properties checked on it.</summary>
/// <param name="Path">The model file, relative to the working folder when inside it, with '/' separators.</param>
/// <param name="Name">The file name without extension.</param>
/// <param name="Sha256">Hex SHA-256 of the file's bytes, so results can be traced to the exact model.</param>
/// <param name="Inputs">Number of inputs.</param>
/// <param name="Outputs">Number of outputs.</param>
/// <param name="Properties">Sorted by path.</param>
public sealed record ModelReport(string Path, string Name, string Sha256, int Inputs, int Outputs, IReadOnlyList<PropertyReport> Properties);
