using System.Globalization;

namespace RepairGate.Build;

/// <summary>
/// RepairGateShard="i/n": CI job i of n gates the models whose position in the project (0-based, in item order)
/// leaves remainder i-1 when divided by n. Empty means all models.
/// </summary>
internal readonly struct GateShard
{
    private GateShard(int index, int count)
    {
        Index = index;
        Count = count;
    }

    /// <summary>1-based shard number.</summary>
    public int Index { get; }
    public int Count { get; }

    public static GateShard All => new(1, 1);

    public static bool TryParse(string? text, out GateShard shard)
    {
        shard = All;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var parts = text!.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1 || index < 1 || index > count)
            return false;
        shard = new GateShard(index, count);
        return true;
    }

    public bool Includes(int position) => position % Count == Index - 1;

    public override string ToString() => $"{Index}/{Count}";
}
