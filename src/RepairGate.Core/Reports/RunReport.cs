namespace RepairGate.Core.Reports;

/// <summary>
/// Everything one run found, in the form every rendering (JSON, JUnit, Markdown, HTML, VNN-COMP files) reads.
/// Timing lives only in <see cref="Timing"/> fields, so <see cref="WithoutTiming"/> gives a report whose renderings are
/// byte-identical for the same inputs. Models and properties are sorted by path.
/// </summary>
/// <param name="SchemaVersion">The JSON schema version (<see cref="CurrentSchemaVersion"/>); readers refuse other versions.</param>
/// <param name="Command">What produced it: verify, bench, repair, gate.</param>
/// <param name="Environment">Tool and runtime versions, seed and machine.</param>
/// <param name="Models">Per model: its hash and the verdict of each property.</param>
/// <param name="Repairs">Repairs attempted in the run (empty for verify and bench).</param>
/// <param name="Shard">Which slice of the properties this run covered; null for a whole (or merged) run.</param>
/// <param name="Timing">When the run started and how long it took; null when timing is excluded.</param>
public sealed record RunReport(
    int SchemaVersion,
    string Command,
    ReportEnvironment Environment,
    IReadOnlyList<ModelReport> Models,
    IReadOnlyList<RepairReport> Repairs,
    ShardInfo? Shard = null,
    RunTiming? Timing = null)
{
    /// <summary>Raised when a field is added or changes meaning; documented in README (Reports).</summary>
    public const int CurrentSchemaVersion = 1;

    public IEnumerable<(ModelReport Model, PropertyReport Property)> AllProperties =>
        Models.SelectMany(m => m.Properties.Select(p => (m, p)));

    /// <summary>The same report with every duration and timestamp removed, for byte-identical renderings.</summary>
    public RunReport WithoutTiming() => this with
    {
        Timing = null,
        Models = Models.Select(m => m with { Properties = m.Properties.Select(p => p with { Timing = null }).ToList() }).ToList(),
        Repairs = Repairs.Select(r => r.WithoutTiming()).ToList(),
    };
}

/// <summary>Start time and wall time of a run.</summary>
public sealed record RunTiming(DateTimeOffset StartedUtc, double Seconds);

/// <summary>Shard <see cref="Index"/> (1-based) of <see cref="Count"/>.</summary>
public sealed record ShardInfo(int Index, int Count)
{
    public override string ToString() => $"{Index}/{Count}";
}
