using System.Globalization;

namespace RepairGate.Core.NNet;

/// <summary>
/// One data line of an NNet file split at commas. The trailing comma the reference writer emits is optional;
/// an empty value anywhere else is an error.
/// </summary>
internal sealed class NNetLine
{
    private readonly string _file;
    private readonly string _text;

    public NNetLine(string text, int number, string file)
    {
        _text = text;
        _file = file;
        Number = number;
        Tokens = Split(text);
    }

    /// <summary>1-based line number in the file.</summary>
    public int Number { get; }

    public IReadOnlyList<NNetToken> Tokens { get; }

    /// <summary>Column just after the line's content: where a missing value would have been.</summary>
    public int EndColumn => _text.TrimEnd().Length + 1;

    /// <summary>Exactly <paramref name="count"/> finite numbers, or an error naming <paramref name="what"/>.</summary>
    public double[] ReadNumbers(int count, string what)
    {
        // Parse before counting: "1,2 3" is better reported as a bad token than as a missing value.
        var values = new double[Tokens.Count];
        for (var i = 0; i < values.Length; i++) values[i] = ParseNumber(Tokens[i]);
        CheckCount(count, what);
        return values;
    }

    /// <summary>Exactly <paramref name="count"/> integers, or an error naming <paramref name="what"/>.</summary>
    public int[] ReadWholeNumbers(int count, string what)
    {
        var values = new int[Tokens.Count];
        for (var i = 0; i < values.Length; i++) values[i] = ParseWholeNumber(Tokens[i]);
        CheckCount(count, what);
        return values;
    }

    public BadInputException Error(string message, NNetToken token) => Error(message, token.Column);

    public BadInputException Error(string message, int column) => new(message, _file, Number, column);

    private void CheckCount(int count, string what)
    {
        if (Tokens.Count > count)
            throw Error($"{what}: expected {Values(count)}, found {Tokens.Count}", Tokens[count]);
        if (Tokens.Count < count)
            throw Error($"{what}: expected {Values(count)}, found {Tokens.Count}", EndColumn);
    }

    private static string Values(int count) => count == 1 ? "1 value" : $"{count} values";

    private double ParseNumber(NNetToken token)
    {
        if (token.Text.Length == 0) throw Error("missing value between commas", token);
        if (!double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw Error($"'{token.Text}' is not a number", token);
        if (!double.IsFinite(value)) throw Error($"'{token.Text}' is not a finite number", token);
        return value;
    }

    private int ParseWholeNumber(NNetToken token)
    {
        if (token.Text.Length == 0) throw Error("missing value between commas", token);
        if (!int.TryParse(token.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw Error($"'{token.Text}' is not a whole number", token);
        return value;
    }

    private static List<NNetToken> Split(string text)
    {
        var tokens = new List<NNetToken>();
        var start = 0;
        while (true)
        {
            var comma = text.IndexOf(',', start);
            var end = comma < 0 ? text.Length : comma;
            var first = start;
            while (first < end && char.IsWhiteSpace(text[first])) first++;
            var value = text[first..end].TrimEnd();
            // Text after the last comma is a value only if it is not blank (trailing comma is optional).
            if (comma >= 0 || value.Length > 0) tokens.Add(new NNetToken(value, first + 1));
            if (comma < 0) return tokens;
            start = comma + 1;
        }
    }
}
