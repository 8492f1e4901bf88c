namespace RepairGate.Core.Specs;

/// <summary>Builds the S-expression tree from tokens and reports unbalanced parentheses.</summary>
internal static class SExpressionReader
{
    /// <summary>Deeper nesting is refused because the later stages walk the tree recursively.</summary>
    public const int MaxDepth = 1000;

    /// <summary>The top-level lists (commands) of the file, in order.</summary>
    public static List<SList> ReadCommands(IReadOnlyList<Token> tokens, string sourcePath)
    {
        var commands = new List<SList>();
        var index = 0;
        while (tokens[index].Kind != TokenKind.EndOfFile)
        {
            var token = tokens[index];
            switch (token.Kind)
            {
                case TokenKind.Open:
                    commands.Add(ReadList(tokens, ref index, sourcePath));
                    break;
                case TokenKind.Close:
                    throw token.Position.Error(sourcePath, "unbalanced parentheses: ')' has no matching '('");
                default:
                    throw token.Position.Error(sourcePath, $"expected '(' to start a command but found '{token.Text}'");
            }
        }
        return commands;
    }

    // Iterative so that deeply nested input cannot overflow the stack.
    private static SList ReadList(IReadOnlyList<Token> tokens, ref int index, string sourcePath)
    {
        var open = new Stack<(SourcePosition Position, List<SExpression> Items)>();
        while (true)
        {
            var token = tokens[index++];
            switch (token.Kind)
            {
                case TokenKind.Open:
                    if (open.Count == MaxDepth)
                        throw token.Position.Error(sourcePath, $"parentheses are nested more than {MaxDepth} levels deep");
                    open.Push((token.Position, []));
                    break;
                case TokenKind.Symbol:
                    open.Peek().Items.Add(new SSymbol(token.Text, token.Position));
                    break;
                case TokenKind.Close:
                    var (start, items) = open.Pop();
                    var list = new SList(items, start, token.Position);
                    if (open.Count == 0) return list;
                    open.Peek().Items.Add(list);
                    break;
                default:
                    throw token.Position.Error(sourcePath,
                        $"unexpected end of file: '(' at {open.Peek().Position} is not closed");
            }
        }
    }
}
