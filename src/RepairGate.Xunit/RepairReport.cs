using System.Text;
using RepairGate.Core.Onnx;
using RepairGate.Core.Verification;

namespace RepairGate.Xunit;

/// <summary>Runs a repairer on a violated property and checks its answer: verified again, written, attached.</summary>
internal sealed record RepairReport(bool Proven, string Message)
{
    public static RepairReport Attempt(PropertyCheck check, IModelRepairer repairer, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var repaired = repairer.Repair(check.Model.Network, check.Property, check.Result.Counterexample!, cancellationToken);
        if (repaired is null)
            return new RepairReport(false, text.AppendLine($"  repair ({repairer.Name}): no repair found").ToString());

        using var oracle = OnnxRuntimeOracle.For(repaired);
        var options = check.Request.Options;
        var result = VerificationGate.Run(
            () => Verifier.CreateDefault(options).Verify(repaired, check.Property, oracle, options, cancellationToken),
            cancellationToken);

        var request = check.Request;
        var bytes = repaired.Source is OnnxSource ? OnnxModelWriter.ToBytes(repaired) : OnnxNetworkExporter.ToBytes(repaired);
        var path = ResultFiles.PathFor(request.ModelName, request.PropertyName, ".repaired.onnx");
        ResultFiles.WriteBytes(path, bytes, [request.ModelPath, request.PropertyPath]);
        TestAttachments.AddFile(Path.GetFileName(path), bytes);

        var proven = result.Verdict == Verdict.Unsat;
        var outcome = result.Verdict switch
        {
            Verdict.Unsat => "the property is proven to hold on the repaired model",
            Verdict.Sat => "the repaired model still violates the property",
            _ => $"the repaired model could not be verified ({result.Verdict.ToResultWord()})",
        };
        text.AppendLine($"  repair ({repairer.Name}): {outcome}; repaired model: {path}");
        if (result.Counterexample is { } cex) text.Append(CounterexampleText.Describe(cex, check.Property));
        return new RepairReport(proven, text.ToString());
    }
}
