using RepairGate.Core.Model;
using RepairGate.Core.Reports;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Gate;

/// <summary>
/// Writes the gate's reports into the report folder the MSBuild task names: one VNN-COMP result file per model and
/// property (<c>model__property.txt</c>) as soon as its verdict is known, and at the end of the run the JSON, JUnit,
/// Markdown and HTML reports of this model in <c>&lt;model name&gt;/</c> (one runner runs per model, so each gets
/// its own folder; <c>repairgate report merge */report.json</c> joins them).
/// </summary>
internal sealed class GateReports(string? folder, IReadOnlyCollection<string> inputs, int seed)
{
    private readonly List<(string ModelPath, Network Network, VnnProperty Property, VerificationResult Result, double Budget)> _results = [];
    private RepairReport? _repair;

    /// <summary>Records the repair; <paramref name="writtenModel"/> is the patched model once it has been written.</summary>
    public async Task SetRepairAsync(RepairReport report, string? writtenModel, CancellationToken cancellationToken) =>
        _repair = writtenModel is not null && File.Exists(writtenModel)
            ? report with { OutputModel = new OutputFileReport(ReportFiles.DisplayPath(writtenModel), await ReportFiles.Sha256Async(writtenModel, cancellationToken)) }
            : report;

    /// <summary>Records one verification result of the model at <paramref name="modelPath"/> (the original or the patched model).</summary>
    public async Task AddAsync(string modelPath, Network network, VnnProperty property, VerificationResult result, double budgetSeconds, CancellationToken cancellationToken)
    {
        if (folder is null) return;
        _results.Add((modelPath, network, property, result, budgetSeconds));
        var path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(modelPath)}__{property.Name}.txt");
        await VnnCompResultFile.WriteAsync(path, result, inputs, cancellationToken);
    }

    /// <summary>Writes the full reports of the run. Results of a patched model that was not written (failed repair) are left out.</summary>
    public async Task WriteAsync(string modelPath, CancellationToken cancellationToken)
    {
        if (folder is null || _results.Count == 0) return;
        var builder = new RunReportBuilder("gate", seed);
        if (_repair is not null) builder.AddRepair(_repair);
        foreach (var entry in _results.Where(e => File.Exists(e.ModelPath)))
            await builder.AddVerificationAsync(entry.ModelPath, entry.Network, entry.Property, entry.Result, entry.Budget, cancellationToken);
        var target = Path.Combine(folder, Path.GetFileNameWithoutExtension(modelPath));
        await ReportWriter.WriteAllAsync(builder.Build(), target, ReportFormats.Json | ReportFormats.JUnit | ReportFormats.Markdown | ReportFormats.Html, inputs, cancellationToken);
    }
}
