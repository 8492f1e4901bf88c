using System.Security.Cryptography;

namespace RepairGate.Core.Reports;

/// <summary>How reports name input files: a stable display path and a content hash.</summary>
public static class ReportFiles
{
    /// <summary>
    /// The path relative to the working folder when the file is inside it (as CI checkouts are), else the full path;
    /// always with '/' so reports from different machines compare equal.
    /// </summary>
    public static string DisplayPath(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return shown.Replace('\\', '/');
    }

    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
