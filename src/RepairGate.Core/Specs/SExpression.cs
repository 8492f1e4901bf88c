namespace RepairGate.Core.Specs;

/// <summary>A node of the raw S-expression tree: a symbol or a parenthesised list.</summary>
internal abstract record SExpression(SourcePosition Position);

/// <summary>A bare word: a number, a variable, an operator or a keyword.</summary>
internal sealed record SSymbol(string Text, SourcePosition Position) : SExpression(Position)
{
    public override string ToString() => Text;
}

/// <summary>A parenthesised list; <see cref="SExpression.Position"/> is its <c>(</c> and <see cref="Close"/> its <c>)</c>.</summary>
internal sealed record SList(IReadOnlyList<SExpression> Items, SourcePosition Position, SourcePosition Close)
    : SExpression(Position)
{
    /// <summary>The leading symbol, e.g. <c>assert</c> or <c>&lt;=</c>, or null when the list is empty or starts with a list.</summary>
    public SSymbol? Head => Items.Count > 0 ? Items[0] as SSymbol : null;

    /// <summary>The items after the head.</summary>
    public IEnumerable<SExpression> Arguments => Items.Skip(1);

    public int ArgumentCount => Math.Max(0, Items.Count - 1);

    public override string ToString() => "(" + string.Join(" ", Items) + ")";
}
