using RepairGate.Core.Model;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Reports;

/// <summary>
/// Collects verification results (and repair reports) of one run into a <see cref="RunReport"/>, sorted by model
/// path and property path whatever order the results came in, so shards merge into the same report.
/// </summary>
public sealed class RunReportBuilder(string command, int seed, ShardInfo? shard = null)
{
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Dictionary<string, string> _hashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ModelReport Model, List<PropertyReport> Properties)> _models = new(StringComparer.Ordinal);
    private readonly List<RepairReport> _repairs = [];

    /// <summary>Adds the result of verifying <paramref name="property"/> on <paramref name="network"/> (loaded from <paramref name="modelPath"/>).</summary>
    public async Task AddVerificationAsync(string modelPath, Network network, VnnProperty property, VerificationResult result, double budgetSeconds, CancellationToken cancellationToken)
    {
        var shownModel = ReportFiles.DisplayPath(modelPath);
        if (!_models.TryGetValue(shownModel, out var entry))
        {
            var model = new ModelReport(shownModel, Path.GetFileNameWithoutExtension(modelPath), await HashAsync(modelPath, cancellationToken), network.InputSize, network.OutputSize, []);
            _models[shownModel] = entry = (model, []);
        }
        entry.Properties.Add(new PropertyReport(
            ReportFiles.DisplayPath(property.SourcePath),
            property.Name,
            await HashAsync(property.SourcePath, cancellationToken),
            result.Verdict,
            result.Detail,
            budgetSeconds,
            result.Counterexample is { } cex ? Counterexample(cex, property) : null,
            StatisticsReport.From(result.Statistics),
            new PropertyTiming(result.Elapsed.TotalSeconds,
                new SortedDictionary<string, double>(result.Statistics.PhaseTimes.ToDictionary(p => p.Key, p => p.Value.TotalSeconds), StringComparer.Ordinal))));
    }

    public void AddRepair(RepairReport repair) => _repairs.Add(repair);

    public RunReport Build() => new(
        RunReport.CurrentSchemaVersion,
        command,
        ReportEnvironment.Current(seed),
        ReportOrder.Models(_models.Values.Select(e => e.Model with { Properties = e.Properties })),
        ReportOrder.Repairs(_repairs),
        shard,
        new RunTiming(_started, _clock.Elapsed.TotalSeconds));

    /// <summary>The counterexample as reports show it, with the unsafe polytope its outputs lie in.</summary>
    public static CounterexampleReport Counterexample(Counterexample cex, VnnProperty property)
    {
        var y = cex.Output.Select(v => (double)v).ToArray();
        var polytope = property.Cases[cex.CaseIndex].UnsafeOutputs.FirstOrDefault(p => p.Contains(y));
        return new CounterexampleReport(cex.Input.Select(v => (double)v).ToArray(), y, cex.CaseIndex,
            polytope is null ? "unknown" : polytope.Constraints.Count == 0 ? "any output" : polytope.ToString(), cex.Margin, cex.FoundBy);
    }

    private async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (!_hashes.TryGetValue(full, out var hash))
            _hashes[full] = hash = await ReportFiles.Sha256Async(full, cancellationToken);
        return hash;
    }
}

/// <summary>The one ordering every report uses: ordinal by path, then by name.</summary>
public static class ReportOrder
{
    public static IReadOnlyList<ModelReport> Models(IEnumerable<ModelReport> models) =>
        models.Select(m => m with { Properties = m.Properties.OrderBy(p => p.Path, StringComparer.Ordinal).ToList() })
            .OrderBy(m => m.Path, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<RepairReport> Repairs(IEnumerable<RepairReport> repairs) =>
        repairs.OrderBy(r => r.Model, StringComparer.Ordinal).ThenBy(r => r.Engine, StringComparer.Ordinal).ToList();
}
