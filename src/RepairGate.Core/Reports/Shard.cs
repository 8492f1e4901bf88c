using System.Globalization;

namespace RepairGate.Core.Reports;

/// <summary>
/// Splits work deterministically across CI matrix jobs: items are sorted (ordinal) by their key and item k (0-based)
/// goes to shard (k mod n) + 1. Every item lands in exactly one shard, and shard sizes differ by at most one.
/// </summary>
public static class Shard
{
    /// <summary>Parses "i/n" with 1 &lt;= i &lt;= n.</summary>
    public static ShardInfo Parse(string text, string optionName = "--shard")
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
            return new ShardInfo(index, count);
        throw new BadInputException($"{optionName} must be i/n with 1 <= i <= n, e.g. 2/3 (got '{text}')");
    }

    /// <summary>The items of <paramref name="shard"/> (all items when it is null), in key order.</summary>
    public static IReadOnlyList<T> Select<T>(IEnumerable<T> items, Func<T, string> key, ShardInfo? shard)
    {
        var ordered = items.OrderBy(key, StringComparer.Ordinal).ToList();
        return shard is null ? ordered : ordered.Where((_, k) => k % shard.Count == shard.Index - 1).ToList();
    }
}
