using System.Globalization;
using RepairGate.Core.Model;

namespace RepairGate.Core.EditSets;

/// <summary>Shape of an image input (for corruptions that look at neighbouring pixels): channels × height × width, row-major.</summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    public int Size => Channels * Height * Width;

    public override string ToString() => $"{Channels}x{Height}x{Width}";

    /// <summary>Parses "CxHxW" (e.g. 1x28x28) or "HxW" (one channel).</summary>
    public static ImageShape Parse(string text)
    {
        var parts = text.Split('x', 'X', '×');
        var numbers = parts.Select(p => int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1).ToArray();
        return numbers switch
        {
            [var h, var w] when h > 0 && w > 0 => new ImageShape(1, h, w),
            [var c, var h, var w] when c > 0 && h > 0 && w > 0 => new ImageShape(c, h, w),
            _ => throw new BadInputException($"bad image shape '{text}': expected CxHxW or HxW with positive integers, e.g. 1x28x28"),
        };
    }

    /// <summary>The shape of <paramref name="network"/>'s input when it is a C×H×W tensor (a CNN); null for a flat input.</summary>
    public static ImageShape? Of(Network network) =>
        network.Layers[0].InputShape is [var c, var h, var w] ? new ImageShape(c, h, w) : null;
}
