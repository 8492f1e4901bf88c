using System.Globalization;
using System.Text;
using RepairGate.Core.Specs;

namespace RepairGate.Core.Verification;

/// <summary>A counterexample as people read it (CLI output, test failure messages): inputs, outputs and the unsafe condition met.</summary>
public static class CounterexampleText
{
    /// <summary>Three indented lines, each ending in a newline.</summary>
    public static string Describe(Counterexample cex, VnnProperty property)
    {
        var y = cex.Output.Select(v => (double)v).ToArray();
        var unsafeSet = property.Cases[cex.CaseIndex].UnsafeOutputs.First(p => p.Contains(y));
        var condition = unsafeSet.Constraints.Count == 0 ? "any output" : string.Join(" and ", unsafeSet.Constraints);
        return new StringBuilder()
            .AppendLine($"  input:  [{string.Join(", ", cex.Input.Select(Number))}]")
            .AppendLine($"  output: [{string.Join(", ", cex.Output.Select(Number))}] (OnnxRuntime)")
            .AppendLine($"  unsafe because: {condition} (margin {cex.Margin.ToString("G6", CultureInfo.InvariantCulture)}, found by {cex.FoundBy}, confirmed by OnnxRuntime)")
            .ToString();
    }

    /// <summary>A float32 value with every digit needed to reproduce it.</summary>
    public static string Number(float v) => v.ToString("G9", CultureInfo.InvariantCulture);
}
