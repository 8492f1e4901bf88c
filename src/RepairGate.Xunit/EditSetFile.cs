using System.Globalization;
using RepairGate.Core;

namespace RepairGate.Xunit;

/// <summary>
/// Reads an edit set: a CSV file whose rows are <c>x_0,...,x_{n-1},label</c> (inputs, then the expected class).
/// Blank lines and lines starting with <c>#</c> are ignored; the first line may be a header.
/// </summary>
public static class EditSetFile
{
    /// <exception cref="BadInputException">A malformed row (the message names file, line and column).</exception>
    public static IReadOnlyList<LabeledInput> Load(string path)
    {
        var full = TestPaths.Resolve(path);
        if (!File.Exists(full)) throw new BadInputException("edit set file not found", full);
        var rows = new List<LabeledInput>();
        var lines = File.ReadAllLines(full);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = lines[i].Split(',');
            if (rows.Count == 0 && i == FirstContentLine(lines) && !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                continue; // header
            rows.Add(ParseRow(fields, full, i + 1, rows.Count > 0 ? rows[0].Input.Length : null));
        }
        if (rows.Count == 0) throw new BadInputException("the edit set has no rows", full);
        return rows;
    }

    private static LabeledInput ParseRow(string[] fields, string path, int lineNumber, int? inputCount)
    {
        if (fields.Length < 2)
            throw new BadInputException("expected inputs followed by a label, separated by commas", path, lineNumber, 1);
        if (inputCount is { } expected && fields.Length - 1 != expected)
            throw new BadInputException($"expected {expected} inputs and a label, got {fields.Length} fields", path, lineNumber, 1);
        var values = new double[fields.Length - 1];
        var column = 1;
        for (var f = 0; f < fields.Length; f++)
        {
            var text = fields[f].Trim();
            if (f < values.Length)
            {
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[f]) || !double.IsFinite(values[f]))
                    throw new BadInputException($"'{text}' is not a number", path, lineNumber, column);
            }
            else if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label < 0)
            {
                throw new BadInputException($"the label '{text}' is not a class index (0, 1, ...)", path, lineNumber, column);
            }
            else
            {
                return new LabeledInput(values, label, $"{Path.GetFileName(path)}({lineNumber})");
            }
            column += fields[f].Length + 1;
        }
        throw new InvalidOperationException("unreachable: the last field is the label");
    }

    private static int FirstContentLine(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 0 && !line.StartsWith('#')) return i;
        }
        return -1;
    }
}
