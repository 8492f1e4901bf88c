namespace RepairGate.Core.Specs;

/// <summary>The logical structure of an assertion: and/or over comparison atoms.</summary>
internal abstract record Formula(SourcePosition Position);

internal sealed record AndFormula(IReadOnlyList<Formula> Operands, SourcePosition Position) : Formula(Position);

internal sealed record OrFormula(IReadOnlyList<Formula> Operands, SourcePosition Position) : Formula(Position);

/// <summary>A single comparison, already classified as an input bound or an output constraint.</summary>
internal abstract record Atom(SourcePosition Position) : Formula(Position);

/// <summary><c>X_Input &lt;= Value</c> when <see cref="IsUpper"/>, otherwise <c>X_Input &gt;= Value</c>.</summary>
internal sealed record InputBoundAtom(int Input, bool IsUpper, double Value, SourcePosition Position) : Atom(Position);

/// <summary><c>sum Coefficient*Y_Output &lt;= Bound</c>, sparse and sorted by output index.</summary>
internal sealed record OutputConstraintAtom(IReadOnlyList<(int Output, double Coefficient)> Terms, double Bound, SourcePosition Position)
    : Atom(Position)
{
    public LinearConstraint ToConstraint(int outputCount)
    {
        var coefficients = new double[outputCount];
        foreach (var (output, coefficient) in Terms) coefficients[output] = coefficient;
        return new LinearConstraint(coefficients, Bound);
    }
}
