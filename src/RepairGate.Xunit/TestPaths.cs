using System.IO.Enumeration;
using RepairGate.Core;

namespace RepairGate.Xunit;

/// <summary>
/// Paths in attributes and assertions are relative to the test output folder (where the test assembly runs), so a test
/// project copies its models and properties there with <c>&lt;None CopyToOutputDirectory="PreserveNewest"&gt;</c>.
/// </summary>
public static class TestPaths
{
    /// <summary>The folder relative paths are resolved against: the test assembly's output folder.</summary>
    public static string BaseDirectory => AppContext.BaseDirectory;

    /// <summary>The absolute, normalised form of <paramref name="path"/>.</summary>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetFullPath(path, BaseDirectory);
    }

    /// <summary>
    /// The files matching <paramref name="pattern"/>, in ordinal order. <c>*</c> and <c>?</c> match within one path segment
    /// and <c>**</c> matches any number of folders. A pattern without wildcards names one file, which must exist.
    /// </summary>
    /// <exception cref="BadInputException">Nothing matches (the message names the folder searched).</exception>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var full = Resolve(pattern);
        var root = Path.GetPathRoot(full)!;
        var segments = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var matches = Match(root, segments, 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (matches.Count == 0)
            throw new BadInputException(
                $"no file matches '{pattern}' (relative paths start at the test output folder {BaseDirectory}; copy models and properties there with <None CopyToOutputDirectory=\"PreserveNewest\">)",
                full);
        return matches;
    }

    private static IEnumerable<string> Match(string folder, string[] segments, int index)
    {
        var segment = segments[index];
        var last = index == segments.Length - 1;
        if (segment == "**")
        {
            if (last) return [];
            var here = Match(folder, segments, index + 1);
            var below = SubFolders(folder, "*").SelectMany(sub => Match(sub, segments, index));
            return here.Concat(below);
        }
        if (segment.IndexOfAny(['*', '?']) < 0)
        {
            var path = Path.Combine(folder, segment);
            if (last) return File.Exists(path) ? [path] : [];
            return Directory.Exists(path) ? Match(path, segments, index + 1) : [];
        }
        if (!Directory.Exists(folder)) return [];
        return last
            ? Directory.EnumerateFiles(folder).Where(f => Matches(segment, Path.GetFileName(f)))
            : SubFolders(folder, segment).SelectMany(sub => Match(sub, segments, index + 1));
    }

    private static IEnumerable<string> SubFolders(string folder, string pattern) =>
        Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder).Where(d => Matches(pattern, Path.GetFileName(d)))
            : [];

    private static bool Matches(string pattern, string name) =>
        FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: !OperatingSystem.IsLinux());
}
