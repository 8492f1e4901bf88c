namespace RepairGate.Core.Verification.Proof;

/// <summary>
/// ReLU split decisions of one branch: per ReLU step, per neuron, 0 = free, +1 = active (pre-activation ≥ 0,
/// output = input), -1 = inactive (pre-activation ≤ 0, output = 0). Immutable; a split copies one step's array.
/// </summary>
internal sealed class ReluPhases
{
    private readonly sbyte[][] _phases;

    private ReluPhases(sbyte[][] phases, int splitCount)
    {
        _phases = phases;
        SplitCount = splitCount;
    }

    /// <summary>Number of neurons fixed by splitting.</summary>
    public int SplitCount { get; }

    public static ReluPhases None(PiecewiseLinearNetwork network) =>
        new(network.Steps.Select(s => s.Relu ? new sbyte[s.Outputs] : []).ToArray(), 0);

    public sbyte this[int step, int neuron] => _phases[step][neuron];

    public ReluPhases With(int step, int neuron, sbyte phase)
    {
        var copy = (sbyte[][])_phases.Clone();
        copy[step] = (sbyte[])_phases[step].Clone();
        copy[step][neuron] = phase;
        return new ReluPhases(copy, SplitCount + 1);
    }

    /// <summary>The split neurons as (step, neuron, phase), in network order.</summary>
    public IEnumerable<(int Step, int Neuron, sbyte Phase)> Splits()
    {
        for (var s = 0; s < _phases.Length; s++)
        for (var o = 0; o < _phases[s].Length; o++)
            if (_phases[s][o] != 0) yield return (s, o, _phases[s][o]);
    }
}
