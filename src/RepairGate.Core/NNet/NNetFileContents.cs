namespace RepairGate.Core.NNet;

/// <summary>
/// The numbers of a parsed NNet file. <see cref="Weights"/>[k] is layer k+1's matrix, row-major
/// [LayerSizes[k+1], LayerSizes[k]]; every layer but the last is followed by a ReLU.
/// </summary>
internal sealed record NNetFileContents(
    NNetInfo Info,
    int[] LayerSizes,
    IReadOnlyList<double[]> Weights,
    IReadOnlyList<double[]> Biases);
