using RepairGate.Core;

namespace RepairGate.Cli;

/// <summary>Expands --model/--property arguments: plain paths, or '*' and '?' wildcards in the file name (for shells and MSBuild that do not expand them).</summary>
internal static class InputFiles
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments, string optionName)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            var full = Path.GetFullPath(argument);
            var name = Path.GetFileName(full);
            if (name.IndexOfAny(['*', '?']) < 0)
            {
                files.Add(full);
                continue;
            }
            var folder = Path.GetDirectoryName(full)!;
            if (folder.IndexOfAny(['*', '?']) >= 0)
                throw new BadInputException($"{optionName}: wildcards are supported in the file name only", argument);
            var matches = Directory.Exists(folder) ? Directory.GetFiles(folder, name).Order(StringComparer.Ordinal).ToList() : [];
            if (matches.Count == 0) throw new BadInputException($"{optionName}: no file matches", argument);
            files.AddRange(matches);
        }
        return files.Distinct(StringComparer.Ordinal).ToList();
    }
}
