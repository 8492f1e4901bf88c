namespace RepairGate.Core.Verification;

/// <summary>
/// A concrete input in the property's box whose output lies in the unsafe set, as confirmed by OnnxRuntime.
/// Inputs are float32 values (what the model really receives); outputs are OnnxRuntime's float32 outputs.
/// </summary>
/// <param name="Input">The input, flat, each value exactly representable in float32.</param>
/// <param name="Output">OnnxRuntime's output for that input.</param>
/// <param name="CaseIndex">Which disjunct (input box) of the property it belongs to.</param>
/// <param name="Margin">How deep inside the unsafe set the output lies (negative: unsafe), by the property's constraints.</param>
/// <param name="FoundBy">The engine that found it, e.g. "pgd" or "sampling".</param>
public sealed record Counterexample(float[] Input, float[] Output, int CaseIndex, double Margin, string FoundBy);
