using RepairGate.Core.Model;

namespace RepairGate.Core.NNet;

/// <summary>
/// What an NNet file says besides the layer parameters. <see cref="NNetReader"/> stores it as the
/// <see cref="Network.Source"/> of the networks it loads.
/// </summary>
/// <remarks>
/// The reference implementation clamps every input to [<see cref="InputMinimums"/>, <see cref="InputMaximums"/>]
/// before normalising it. That clamp is <b>not</b> part of the loaded <see cref="Network"/> (it would make the
/// network non-affine on its input domain); the network equals the reference evaluation only inside the box.
/// Verifiers should intersect their input box with it (<see cref="IntersectInputBox"/>) and evaluators that want
/// the reference behaviour outside it should call <see cref="ClampInput"/> first.
/// The means and ranges are already folded into the network's normalisation layers; they are kept here so that
/// writing an unchanged network reproduces the original numbers.
/// </remarks>
/// <param name="InputMinimums">Lower clamp bound per input (original units).</param>
/// <param name="InputMaximums">Upper clamp bound per input (original units).</param>
/// <param name="Means">One mean per input, then one for all outputs.</param>
/// <param name="Ranges">One range per input, then one for all outputs.</param>
/// <param name="HeaderComments">Text after <c>//</c> of the leading comment lines.</param>
public sealed record NNetInfo(
    IReadOnlyList<double> InputMinimums,
    IReadOnlyList<double> InputMaximums,
    IReadOnlyList<double> Means,
    IReadOnlyList<double> Ranges,
    IReadOnlyList<string> HeaderComments)
{
    /// <summary>Number of network inputs the bounds describe.</summary>
    public int InputSize => InputMinimums.Count;

    /// <summary>The NNet metadata of a network loaded from (or derived from) an NNet file, else null.</summary>
    public static NNetInfo? Of(Network network) => network.Source as NNetInfo;

    /// <summary>The input clamped to [minimum, maximum] per coordinate, as the reference evaluation does.</summary>
    public double[] ClampInput(ReadOnlySpan<double> input)
    {
        CheckSize(input.Length, nameof(input));
        var clamped = new double[input.Length];
        for (var i = 0; i < input.Length; i++)
            clamped[i] = Math.Min(Math.Max(input[i], InputMinimums[i]), InputMaximums[i]);
        return clamped;
    }

    /// <summary>
    /// The part of the box [<paramref name="lower"/>, <paramref name="upper"/>] inside the NNet input bounds.
    /// A coordinate with Lower &gt; Upper means the box misses the bounds entirely.
    /// </summary>
    public (double[] Lower, double[] Upper) IntersectInputBox(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        CheckSize(lower.Length, nameof(lower));
        CheckSize(upper.Length, nameof(upper));
        var newLower = new double[lower.Length];
        var newUpper = new double[upper.Length];
        for (var i = 0; i < lower.Length; i++)
        {
            newLower[i] = Math.Max(lower[i], InputMinimums[i]);
            newUpper[i] = Math.Min(upper[i], InputMaximums[i]);
        }
        return (newLower, newUpper);
    }

    private void CheckSize(int length, string parameter)
    {
        if (length != InputSize)
            throw new ArgumentException($"the NNet bounds cover {InputSize} inputs, got {length}", parameter);
    }
}
