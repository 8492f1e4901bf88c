namespace RepairGate.Core.NNet;

/// <summary>One comma-separated value of an NNet line, trimmed, with the 1-based column where it starts.</summary>
internal readonly record struct NNetToken(string Text, int Column);
