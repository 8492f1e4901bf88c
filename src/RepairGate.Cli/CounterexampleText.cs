using System.Globalization;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Cli;

/// <summary>A counterexample as people read it: inputs, outputs and the unsafe condition the output meets.</summary>
internal static class CounterexampleText
{
    public static void Write(TextWriter writer, Counterexample cex, VnnProperty property)
    {
        writer.WriteLine($"  input:  [{string.Join(", ", cex.Input.Select(Number))}]");
        writer.WriteLine($"  output: [{string.Join(", ", cex.Output.Select(Number))}]");
        var y = cex.Output.Select(v => (double)v).ToArray();
        var unsafeSet = property.Cases[cex.CaseIndex].UnsafeOutputs.First(p => p.Contains(y));
        var condition = unsafeSet.Constraints.Count == 0 ? "any output" : string.Join(" and ", unsafeSet.Constraints);
        writer.WriteLine($"  unsafe because: {condition} (margin {cex.Margin.ToString("G6", CultureInfo.InvariantCulture)}, found by {cex.FoundBy}, confirmed by OnnxRuntime)");
    }

    private static string Number(float v) => v.ToString("G9", CultureInfo.InvariantCulture);
}
