using RepairGate.Core;

namespace RepairGate.Cli.Commands;

/// <summary>One VNN-COMP instance: a model, a property and its time budget, paths relative to the list's folder.</summary>
internal sealed record BenchInstance(string Model, string Property, double TimeoutSeconds)
{
    public string ModelName => Path.GetFileNameWithoutExtension(Model);
    public string PropertyName => Path.GetFileNameWithoutExtension(Property);

    /// <summary>Reads <c>onnx,vnnlib,timeout</c> rows (VNN-COMP instances.csv; no header, blank lines ignored).</summary>
    public static IReadOnlyList<BenchInstance> ReadList(string csvPath)
    {
        if (!File.Exists(csvPath)) throw new BadInputException("file not found", csvPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(csvPath))!;
        var instances = new List<BenchInstance>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(csvPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = line.Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != 3 || !double.TryParse(cells[2], System.Globalization.CultureInfo.InvariantCulture, out var timeout) || timeout <= 0)
                throw new BadInputException("expected 'onnx,vnnlib,timeout' with a positive timeout in seconds", csvPath, lineNumber, 1);
            instances.Add(new BenchInstance(Path.Combine(folder, cells[0]), Path.Combine(folder, cells[1]), timeout));
        }
        if (instances.Count == 0) throw new BadInputException("the instance list is empty", csvPath);
        return instances;
    }

    /// <summary>Published verdicts keyed by "model file,property file" (file names only), from <c>verdicts.csv</c> beside the list.</summary>
    public static IReadOnlyDictionary<string, string> ReadVerdicts(string csvPath)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(csvPath))!, "verdicts.csv");
        if (!File.Exists(path)) return new Dictionary<string, string>();
        return File.ReadLines(path).Skip(1).Where(l => l.Contains(','))
            .Select(l => l.Split(',').Select(c => c.Trim()).ToArray())
            .ToDictionary(c => Key(c[0], c[1]), c => c[2], StringComparer.Ordinal);
    }

    public string VerdictKey => Key(Model, Property);

    private static string Key(string model, string property) => $"{Path.GetFileName(model)},{Path.GetFileName(property)}";
}
