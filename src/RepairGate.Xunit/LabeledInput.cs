namespace RepairGate.Xunit;

/// <summary>One row of an edit set: an input and the class the model should give it.</summary>
/// <param name="Input">The model input, flat.</param>
/// <param name="Label">The expected class (output index).</param>
/// <param name="Origin">Where the row came from, for messages, e.g. <c>edits.csv(4)</c>.</param>
public sealed record LabeledInput(double[] Input, int Label, string Origin = "");
