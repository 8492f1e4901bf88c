using RepairGate.Core.Specs;

namespace RepairGate.Core.Verification;

/// <summary>
/// Turns a candidate input into a <see cref="Counterexample"/> only if the oracle's own output for it is unsafe.
/// Our evaluator proposes; OnnxRuntime decides.
/// </summary>
public sealed class CounterexampleConfirmer(VnnProperty property, IModelOracle oracle)
{
    public VnnProperty Property { get; } = property;

    /// <summary>The confirmed counterexample, or null when the oracle's output is not unsafe (or the input leaves the box).</summary>
    public Counterexample? Confirm(float[] input, string foundBy)
    {
        var x = input.Select(v => (double)v).ToArray();
        var output = oracle.Run(input);
        var y = output.Select(v => (double)v).ToArray();
        for (var c = 0; c < Property.Cases.Count; c++)
        {
            var @case = Property.Cases[c];
            if (!@case.Input.Contains(x)) continue;
            var margin = @case.UnsafeMargin(y);
            if (margin <= 0) return new Counterexample(input, output, c, margin, foundBy);
        }
        return null;
    }
}
