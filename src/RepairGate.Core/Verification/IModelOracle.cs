namespace RepairGate.Core.Verification;

/// <summary>An independent evaluator of the real model (OnnxRuntime) that confirms counterexamples.</summary>
public interface IModelOracle
{
    /// <summary>Evaluates one float32 sample, flat and row-major.</summary>
    float[] Run(ReadOnlySpan<float> input);
}
