using System.Globalization;
using System.Text;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Reports;

/// <summary>
/// The VNN-COMP result file: the verdict word on the first line and, for <c>sat</c>, the counterexample as
/// <c>((X_0 v) ... (Y_0 v) ...)</c>. Values are the exact float64 images of the float32 numbers the model saw.
/// </summary>
public static class VnnCompResultFile
{
    public static string Format(VerificationResult result) =>
        Format(result.Verdict, result.Counterexample?.Input.Select(v => (double)v).ToList(), result.Counterexample?.Output.Select(v => (double)v).ToList());

    /// <summary>The file for a verdict and, for sat, the counterexample's inputs and outputs (exact float32 images).</summary>
    public static string Format(Verdict verdict, IReadOnlyList<double>? inputs, IReadOnlyList<double>? outputs)
    {
        var text = new StringBuilder();
        text.Append(verdict.ToResultWord()).Append('\n');
        if (verdict == Verdict.Sat && inputs is not null && outputs is not null)
        {
            var entries = inputs.Select((v, i) => $"(X_{i} {Number(v)})")
                .Concat(outputs.Select((v, i) => $"(Y_{i} {Number(v)})"))
                .ToList();
            text.Append('(').Append(string.Join("\n ", entries)).Append(")\n");
        }
        return text.ToString();
    }

    /// <summary>Writes the file atomically; <paramref name="inputs"/> (model, property) are never overwritten.</summary>
    public static Task WriteAsync(string path, VerificationResult result, IReadOnlyCollection<string>? inputs = null, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllTextAsync(path, Format(result), inputs, cancellationToken);

    /// <summary>Shortest text that parses back to the same float64, which is exactly the float32 value.</summary>
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
