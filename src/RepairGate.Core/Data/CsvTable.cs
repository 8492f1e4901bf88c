namespace RepairGate.Core.Data;

/// <summary>A CSV row split into cells, each with its 1-based line and column for error messages.</summary>
internal sealed record CsvRow(int Line, IReadOnlyList<CsvCell> Cells);

internal readonly record struct CsvCell(string Text, int Column);

/// <summary>Splits CSV text into rows of cells: commas separate, double quotes may wrap a cell ("" inside is a quote), blank lines are skipped.</summary>
internal static class CsvTable
{
    public static IEnumerable<CsvRow> Read(TextReader reader, string path)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return new CsvRow(lineNumber, Split(line, lineNumber, path));
        }
    }

    private static List<CsvCell> Split(string line, int lineNumber, string path)
    {
        var cells = new List<CsvCell>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            var start = i;
            string text;
            if (i < line.Length && line[i] == '"')
            {
                var value = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length) throw new BadInputException("unterminated quoted cell", path, lineNumber, start + 1);
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { value.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    value.Append(line[i++]);
                }
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i < line.Length && line[i] != ',') throw new BadInputException("unexpected text after a quoted cell", path, lineNumber, i + 1);
                text = value.ToString();
            }
            else
            {
                var end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                text = line[i..end].TrimEnd();
                i = end;
            }
            cells.Add(new CsvCell(text, start + 1));
            if (i >= line.Length) return cells;
            i++; // the comma
        }
    }
}
