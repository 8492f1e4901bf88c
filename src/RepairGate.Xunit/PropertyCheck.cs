using RepairGate.Core.Reports;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Xunit;

/// <summary>One verified model/property pair, with its VNN-COMP result file already written.</summary>
internal sealed record PropertyCheck(NetworkProperty Request, LoadedModel Model, VnnProperty Property, VerificationResult Result, string ResultFile)
{
    public static PropertyCheck Run(NetworkProperty request, CancellationToken cancellationToken)
    {
        var model = TestRunCache.Model(request.ModelPath);
        var property = TestRunCache.Property(request.PropertyPath);
        property.EnsureMatches(model.Network.InputSize, model.Network.OutputSize, request.ModelPath);
        var options = request.Options;
        var result = VerificationGate.Run(
            () => Verifier.CreateDefault(options).Verify(model.Network, property, model.Oracle, options, cancellationToken),
            cancellationToken);
        var resultFile = ResultFiles.PathFor(request.ModelName, request.PropertyName, ".txt");
        ResultFiles.WriteText(resultFile, VnnCompResultFile.Format(result), [request.ModelPath, request.PropertyPath]);
        return new PropertyCheck(request, model, property, result, resultFile);
    }
}
