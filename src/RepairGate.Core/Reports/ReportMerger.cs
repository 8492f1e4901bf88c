namespace RepairGate.Core.Reports;

/// <summary>
/// Merges shard reports into one: the union of models, properties and repairs in the report order, the first
/// shard's environment, the earliest start and the summed run time. Fails when shards of one split are missing or
/// two reports disagree about the same model and property.
/// </summary>
public static class ReportMerger
{
    public static RunReport Merge(IReadOnlyList<(string Source, RunReport Report)> reports)
    {
        if (reports.Count == 0) throw new BadInputException("nothing to merge: give at least one report");
        CheckShards(reports);

        var models = new Dictionary<string, (ModelReport Model, Dictionary<string, (string Source, PropertyReport Property)> Properties)>(StringComparer.Ordinal);
        foreach (var (source, report) in reports)
        {
            foreach (var model in report.Models)
            {
                if (!models.TryGetValue(model.Path, out var entry))
                    models[model.Path] = entry = (model, new(StringComparer.Ordinal));
                else if (entry.Model.Sha256 != model.Sha256)
                    throw new BadInputException($"model {model.Path} has a different hash than in another report: the shards checked different files", source);
                foreach (var property in model.Properties)
                {
                    if (entry.Properties.TryGetValue(property.Path, out var seen))
                        throw new BadInputException($"{model.Path} / {property.Path} is in both {seen.Source} and this report", source);
                    entry.Properties[property.Path] = (source, property);
                }
            }
        }

        var first = reports[0].Report;
        var timings = reports.Select(r => r.Report.Timing).ToList();
        var timing = timings.All(t => t is not null)
            ? new RunTiming(timings.Min(t => t!.StartedUtc), timings.Sum(t => t!.Seconds))
            : null;
        return first with
        {
            Models = ReportOrder.Models(models.Values.Select(e => e.Model with { Properties = e.Properties.Values.Select(p => p.Property).ToList() })),
            Repairs = ReportOrder.Repairs(reports.SelectMany(r => r.Report.Repairs)),
            Shard = null,
            Timing = timing,
        };
    }

    private static void CheckShards(IReadOnlyList<(string Source, RunReport Report)> reports)
    {
        var sharded = reports.Where(r => r.Report.Shard is not null).ToList();
        if (sharded.Count == 0) return;
        if (sharded.Count != reports.Count)
            throw new BadInputException("cannot merge sharded and unsharded reports", reports.First(r => r.Report.Shard is null).Source);
        var count = sharded[0].Report.Shard!.Count;
        if (sharded.FirstOrDefault(r => r.Report.Shard!.Count != count) is { Source: not null } other)
            throw new BadInputException($"this report is shard {other.Report.Shard} but {sharded[0].Source} is one of {count}", other.Source);
        var duplicate = sharded.GroupBy(r => r.Report.Shard!.Index).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new BadInputException($"shard {duplicate.Key}/{count} is given twice", duplicate.Last().Source);
        var missing = Enumerable.Range(1, count).Except(sharded.Select(r => r.Report.Shard!.Index)).ToList();
        if (missing.Count > 0)
            throw new BadInputException($"missing shard{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(i => $"{i}/{count}"))}: a merged report would silently leave properties out");
    }
}
