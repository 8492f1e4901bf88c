namespace RepairGate.Cli.Gate;

/// <summary>Everything the gate needs for one model, as given on the runner's command line by the MSBuild task.</summary>
internal sealed record GateSettings(
    string ModelPath,
    IReadOnlyList<string> PropertyPaths,
    TimeSpan Timeout,
    int Seed,
    GateFailOn FailOn,
    bool Repair,
    string RepairEngine,
    double MaxDrawdown,
    string? PatchedModelPath,
    string? ReportDirectory,
    bool DecisionIsArgmin = false);
