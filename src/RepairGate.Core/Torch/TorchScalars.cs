using TorchSharp;

namespace RepairGate.Core.Torch;

/// <summary>
/// Scalars that live for the whole process. TorchSharp's Tensor.add(Tensor) (alpha defaulted)
/// and Tensor * double create a temporary Scalar whose finalizer can free it while the native
/// call still reads it; seen as intermittent "Unknown scalar type" / "Expected false to be true" errors in PGD.
/// Passing a rooted Scalar, or a tensor instead of a double, avoids the temporary.
/// </summary>
internal static class TorchScalars
{
    public static readonly Scalar One = 1.0.ToScalar();
}
