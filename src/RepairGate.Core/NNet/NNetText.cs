namespace RepairGate.Core.NNet;

/// <summary>
/// Walks the lines of an NNet file: leading <c>//</c> comments, then data lines. Blank lines are skipped
/// (the reference readers choke on them, but they carry no meaning) while line numbers stay those of the file.
/// </summary>
internal sealed class NNetText
{
    private readonly string[] _lines;
    private readonly string _file;
    private int _next;

    public NNetText(string text, string file)
    {
        _lines = text.Split('\n');
        for (var i = 0; i < _lines.Length; i++) _lines[i] = _lines[i].TrimEnd('\r');
        _file = file;
    }

    /// <summary>The text after <c>//</c> of each comment line at the top of the file.</summary>
    public IReadOnlyList<string> ReadHeaderComments()
    {
        var comments = new List<string>();
        for (; _next < _lines.Length; _next++)
        {
            var line = _lines[_next].TrimStart();
            if (line.StartsWith("//", StringComparison.Ordinal)) comments.Add(line[2..]);
            else if (line.Length > 0) break;
        }
        return comments;
    }

    /// <summary>The next non-blank line; at the end of the file an error saying <paramref name="what"/> is missing.</summary>
    public NNetLine Next(string what)
    {
        SkipBlankLines();
        if (_next >= _lines.Length)
            throw new BadInputException($"the file ends early: expected {what}", _file, _lines.Length, _lines[^1].Length + 1);
        var line = new NNetLine(_lines[_next], _next + 1, _file);
        _next++;
        return line;
    }

    /// <summary>Fails if anything but blank lines follows.</summary>
    public void ExpectEnd()
    {
        SkipBlankLines();
        if (_next >= _lines.Length) return;
        var text = _lines[_next];
        var column = text.Length - text.TrimStart().Length + 1;
        throw new BadInputException("unexpected content after the last layer", _file, _next + 1, column);
    }

    private void SkipBlankLines()
    {
        while (_next < _lines.Length && string.IsNullOrWhiteSpace(_lines[_next])) _next++;
    }
}
