using RepairGate.Core.Reports;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Gate;

/// <summary>
/// Writes the gate's reports into the report folder the MSBuild task names. For now: one VNN-COMP result file per
/// model and property. MERGE POINT: the JUnit/JSON/Markdown/HTML writers of the reports work plug in here.
/// </summary>
internal sealed class GateReports(string? folder, IReadOnlyCollection<string> inputs)
{
    /// <summary>Records one verification result; <paramref name="modelLabel"/> distinguishes the original from the repaired model.</summary>
    public async Task AddAsync(string modelLabel, VnnProperty property, VerificationResult result, CancellationToken cancellationToken)
    {
        if (folder is null) return;
        var path = Path.Combine(folder, $"{modelLabel}__{property.Name}.txt");
        await VnnCompResultFile.WriteAsync(path, result, inputs, cancellationToken);
    }
}
