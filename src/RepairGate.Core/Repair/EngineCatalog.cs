using RepairGate.Core.Model;

namespace RepairGate.Core.Repair;

/// <summary>
/// A repair engine by name: how to create it, which layers it changes by default (given the user's <c>--layer</c>,
/// already resolved to an IR index, or null), and whether automatic escalation tries it.
/// </summary>
/// <param name="Name">The <c>--engine</c> name.</param>
/// <param name="Create">Makes a fresh engine.</param>
/// <param name="Layers">The layers to change, or null when the engine does not apply to this network.</param>
/// <param name="Escalates">True when <c>--engine auto</c> includes it.</param>
public sealed record EngineEntry(string Name, Func<IRepairEngine> Create, Func<Network, int?, IReadOnlyList<int>?> Layers, bool Escalates = true);

/// <summary>
/// The engines <c>repair</c> knows, in escalation order (cheapest and most exact first); <see cref="With"/> adds more.
/// </summary>
public sealed class EngineCatalog
{
    private readonly List<EngineEntry> _entries;

    private EngineCatalog(IEnumerable<EngineEntry> entries) => _entries = entries.ToList();

    /// <summary>Last-layer LP, pattern LP on the last hidden layer, MILP, gradient-guided; and fine-tuning by name.</summary>
    public static EngineCatalog Default { get; } = new([
        new EngineEntry(LastLayerLpEngine.EngineName, () => new LastLayerLpEngine(),
            (network, requested) => RepairLayers.Last(network) is { } last && (requested is null || requested == last) ? [last] : null),
        new EngineEntry(PatternLpEngine.EngineName, () => new PatternLpEngine(),
            (network, requested) => (requested ?? RepairLayers.LastHidden(network)) is { } layer ? [layer] : null),
        // MILP: the last hidden layer with the ReLUs after it free to flip (exact, slower); then the cheaper heuristics.
        new EngineEntry("milp", () => new Milp.MilpRepairEngine(),
            (network, requested) => (requested ?? RepairLayers.LastHidden(network)) is { } layer ? [layer] : null),
        new EngineEntry("gradient", () => new Gradient.GradientGuidedRepairEngine(),
            (network, requested) => requested is { } layer ? [layer]
                : new[] { RepairLayers.LastHidden(network), RepairLayers.Last(network) }.OfType<int>().ToArray() is { Length: > 0 } layers ? layers : null),
        // Fine-tuning is a baseline for comparison: chosen by name only, never by escalation.
        new EngineEntry("finetune", () => new FineTune.FineTuneRepairEngine(),
            (network, requested) => requested is { } layer ? [layer]
                : new[] { RepairLayers.LastHidden(network), RepairLayers.Last(network) }.OfType<int>().ToArray() is { Length: > 0 } layers ? layers : null,
            Escalates: false),
    ]);

    /// <summary>Engine names in escalation order.</summary>
    public IReadOnlyList<string> Names => _entries.Select(e => e.Name).ToArray();

    /// <summary>A catalog with <paramref name="entry"/> added (or replacing the entry of the same name, keeping its position).</summary>
    public EngineCatalog With(EngineEntry entry)
    {
        var entries = _entries.ToList();
        var at = entries.FindIndex(e => e.Name == entry.Name);
        if (at >= 0) entries[at] = entry;
        else entries.Add(entry);
        return new EngineCatalog(entries);
    }

    public EngineEntry? Find(string name) => _entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The entries to try for <paramref name="name"/>: "auto" means every escalating engine in order.</summary>
    public IReadOnlyList<EngineEntry> Plan(string name) =>
        string.Equals(name, "auto", StringComparison.OrdinalIgnoreCase)
            ? _entries.Where(e => e.Escalates).ToArray()
            : Find(name) is { } entry ? [entry] : [];
}
