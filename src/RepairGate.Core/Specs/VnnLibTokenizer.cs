namespace RepairGate.Core.Specs;

internal enum TokenKind
{
    Open,
    Close,
    Symbol,
    EndOfFile,
}

internal readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position);

/// <summary>Splits VNNLIB (SMT-LIB) text into parentheses and symbols, skipping whitespace and <c>;</c> comments.</summary>
internal static class VnnLibTokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int line = 1, lineStart = 0, i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var position = new SourcePosition(line, i - lineStart + 1);
            if (c == '\n')
            {
                i++;
                line++;
                lineStart = i;
            }
            else if (c == ';')
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (IsSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.Open : TokenKind.Close, c.ToString(), position));
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !IsDelimiter(text[i])) i++;
                tokens.Add(new Token(TokenKind.Symbol, text[start..i], position));
            }
        }
        tokens.Add(new Token(TokenKind.EndOfFile, "end of file", new SourcePosition(line, i - lineStart + 1)));
        return tokens;
    }

    // A byte-order mark can survive when text is passed in directly rather than read with File.ReadAllText.
    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c == '\uFEFF';

    private static bool IsDelimiter(char c) => IsSpace(c) || c is '(' or ')' or ';';
}
