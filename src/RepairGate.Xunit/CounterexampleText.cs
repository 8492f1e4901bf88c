using System.Globalization;
using System.Text;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Xunit;

/// <summary>A counterexample as people read it in a failure message: inputs, outputs and the unsafe condition met.</summary>
internal static class CounterexampleText
{
    public static void Append(StringBuilder text, Counterexample cex, VnnProperty property)
    {
        text.AppendLine($"  input:  [{string.Join(", ", cex.Input.Select(Number))}]");
        text.AppendLine($"  output: [{string.Join(", ", cex.Output.Select(Number))}] (OnnxRuntime)");
        var y = cex.Output.Select(v => (double)v).ToArray();
        var unsafeSet = property.Cases[cex.CaseIndex].UnsafeOutputs.First(p => p.Contains(y));
        var condition = unsafeSet.Constraints.Count == 0 ? "any output" : string.Join(" and ", unsafeSet.Constraints);
        text.AppendLine($"  unsafe because: {condition} (margin {cex.Margin.ToString("G6", CultureInfo.InvariantCulture)}, found by {cex.FoundBy}, confirmed by OnnxRuntime)");
    }

    public static string Number(float v) => v.ToString("G9", CultureInfo.InvariantCulture);
}
