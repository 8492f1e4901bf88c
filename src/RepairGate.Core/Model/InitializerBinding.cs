namespace RepairGate.Core.Model;

/// <summary>
/// Where a layer parameter lives in the source model, so that a repaired value can be written back to the same
/// ONNX initializer. The IR value is <c>Scale * onnxValue</c>, read transposed when <see cref="Transposed"/> is set
/// (the initializer is then stored [in, out] while the IR keeps [out, in]).
/// </summary>
/// <param name="InitializerName">Name of the ONNX initializer.</param>
/// <param name="Transposed">True when the initializer stores the matrix as [in, out].</param>
/// <param name="Scale">Factor applied on import (Gemm alpha/beta, -1 for Sub).</param>
/// <param name="Broadcast">True when one stored value feeds several IR entries; such a parameter can only change uniformly.</param>
public sealed record InitializerBinding(string InitializerName, bool Transposed = false, double Scale = 1.0, bool Broadcast = false);
