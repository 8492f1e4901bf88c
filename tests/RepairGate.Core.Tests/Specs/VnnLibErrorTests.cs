using RepairGate.Core.Specs;

namespace RepairGate.Core.Tests.Specs;

/// <summary>Every malformed input is a <see cref="BadInputException"/> pointing at the offending token.</summary>
public class VnnLibErrorTests
{
    private const string File = "bad.vnnlib";

    // Lines 1-3; a test's own text starts on line 4.
    private const string Header = "(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const Y_0 Real)\n";

    private const string Bounds = "(assert (>= X_0 0)) (assert (<= X_0 1)) (assert (>= X_1 0)) (assert (<= X_1 1))\n";

    private static BadInputException Fails(string text, int line, int column, string reason)
    {
        var error = Assert.Throws<BadInputException>(() => VnnLibParser.Parse(text, File));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal(File, error.File);
        Assert.StartsWith($"{File}({line},{column}): ", error.Message);
        Assert.Contains(reason, error.Message);
        return error;
    }

    [Theory]
    [InlineData("(assert (<= X_0 Y_0))", 9, "mixes inputs and outputs")]
    [InlineData("(assert (>= (+ X_0 Y_0) 1))", 9, "mixes inputs and outputs")]
    [InlineData("(assert (<= X_0 X_1))", 9, "relates several inputs")]
    [InlineData("(assert (<= 1 2))", 9, "involves no variable")]
    [InlineData("(assert (<= Y_0 Y_0))", 9, "involves no variable")]
    [InlineData("(assert (<= (* Y_0 Y_0) 1))", 13, "the product of variables is not linear")]
    public void UnsupportedConstraint(string assertion, int column, string reason)
    {
        var error = Fails(Header + assertion, 4, column, reason);
        Assert.StartsWith("unsupported constraint", error.Reason);
    }

    [Fact]
    public void UnsupportedConstraintInsideNestedFormula()
    {
        Fails(Header + Bounds + "(assert (or (<= Y_0 1)\n    (and (<= Y_0 2) (>= Y_0 X_1))))", 6, 21, "mixes inputs and outputs");
    }

    [Fact]
    public void UndeclaredVariable() => Fails(Header + "(assert (<= X_2 1))", 4, 13, "undeclared variable 'X_2'");

    [Fact]
    public void UnknownSymbolIsAnUndeclaredVariable() => Fails(Header + "(assert (<= Y_0 pi))", 4, 17, "undeclared variable 'pi'");

    [Fact]
    public void UseBeforeDeclaration() =>
        Fails("(declare-const X_0 Real)\n(assert (<= Y_0 1))\n(declare-const Y_0 Real)", 2, 13, "undeclared variable 'Y_0'");

    [Fact]
    public void DuplicateDeclaration() =>
        Fails(Header + "  (declare-const X_1 Real)", 4, 18, "duplicate declaration: X_1 is already declared at line 2, column 16");

    [Theory]
    [InlineData("(declare-const X_2 Int)", 20, "X_2 must be declared Real, not Int")]
    [InlineData("(declare-const X_2 Bool)", 20, "must be declared Real")]
    [InlineData("(declare-const X_2 (_ BitVec 8))", 20, "must be declared Real, not (_ BitVec 8)")]
    public void DeclarationOfAnotherSort(string declaration, int column, string reason) => Fails(Header + declaration, 4, column, reason);

    [Theory]
    [InlineData("Z_0")]
    [InlineData("X0")]
    [InlineData("x_0")]
    [InlineData("X_01")]
    [InlineData("X_-1")]
    [InlineData("Y_1a")]
    public void VariableNotNamedXOrY(string name) =>
        Fails(Header + $"(declare-const {name} Real)", 4, 16, $"variable '{name}' must be named X_<n> (input) or Y_<n> (output)");

    [Fact]
    public void NonContiguousInputIndices() =>
        Fails("(declare-const X_0 Real)\n(declare-const X_2 Real)\n(declare-const Y_0 Real)", 2, 16,
            "non-contiguous variable indices: X_2 is declared but X_1 is not");

    [Fact]
    public void OutputsMustStartAtZero() =>
        Fails("(declare-const X_0 Real)\n(declare-const Y_1 Real)", 2, 16, "Y_1 is declared but Y_0 is not");

    [Fact]
    public void NoOutputsDeclaredNamesOnlyTheFile()
    {
        var error = Assert.Throws<BadInputException>(() => VnnLibParser.Parse("(declare-const X_0 Real)", File));

        Assert.Equal(0, error.Line);
        Assert.StartsWith($"{File}: no Y_<n> variables are declared", error.Message);
    }

    [Fact]
    public void ExtraClosingParenthesis() => Fails(Header + "(assert (<= X_0 1)))", 4, 20, "unbalanced parentheses");

    [Fact]
    public void ClosingParenthesisBeforeAnyCommand() => Fails(")", 1, 1, "unbalanced parentheses");

    [Fact]
    public void UnexpectedEndOfFileAtTheEnd() =>
        Fails(Header + "(assert (and (<= X_0 1)", 4, 24, "unexpected end of file: '(' at line 4, column 9 is not closed");

    [Fact]
    public void UnexpectedEndOfFileAfterTrailingNewlineAndComment() =>
        Fails(Header + "(assert (<= X_0 1)\n; never closed\n", 6, 1, "unexpected end of file: '(' at line 4, column 1 is not closed");

    [Theory]
    [InlineData("(assert (< X_0 1))", 10, "unknown operator '<' (only the non-strict")]
    [InlineData("(assert (= X_0 1))", 10, "unknown operator '='")]
    [InlineData("(assert (not (<= X_0 1)))", 10, "unknown operator 'not'")]
    [InlineData("(assert (<= (max X_0 1) 2))", 14, "unknown operator 'max' in a term")]
    [InlineData("(define-fun f () Real 1)", 2, "unknown command 'define-fun'")]
    public void UnknownOperator(string text, int column, string reason) => Fails(Header + text, 4, column, reason);

    [Theory]
    [InlineData("(assert X_0)", 9, "expected a formula")]
    [InlineData("(assert ((<= X_0 1)))", 10, "expected a formula starting with an operator")]
    [InlineData("(assert ())", 9, "expected a formula starting with an operator")]
    [InlineData("foo", 1, "expected '(' to start a command")]
    public void MalformedStructure(string text, int column, string reason) => Fails(Header + text, 4, column, reason);

    [Theory]
    [InlineData("(assert (<= X_0))", 16, "'<=' takes 2 operands but got 1")]
    [InlineData("(assert (<= X_0 1 2))", 19, "'<=' takes 2 operands but got 3")]
    [InlineData("(assert (or))", 12, "'or' takes at least 1 operand but got 0")]
    [InlineData("(assert)", 8, "'assert' takes 1 operand but got 0")]
    [InlineData("(assert (<= X_0 1) (<= X_0 2))", 20, "'assert' takes 1 operand but got 2")]
    [InlineData("(declare-const X_2)", 19, "'declare-const' takes 2 operands but got 1")]
    [InlineData("(assert (<= (/ X_0) 1))", 19, "'/' takes at least 2 operands")]
    public void WrongNumberOfOperands(string text, int column, string reason) => Fails(Header + text, 4, column, reason);

    [Theory]
    [InlineData("(assert (<= X_0 1.2.3))", 17, "malformed number '1.2.3'")]
    [InlineData("(assert (<= X_0 -1e))", 17, "malformed number '-1e'")]
    [InlineData("(assert (<= X_0 1e999))", 17, "number '1e999' is out of range")]
    [InlineData("(assert (<= (/ X_0 0) 1))", 20, "division by zero")]
    [InlineData("(assert (<= (/ 1 X_0) 1))", 18, "division by a variable")]
    public void BadNumbers(string text, int column, string reason) => Fails(Header + text, 4, column, reason);

    [Fact]
    public void EmptyInputBoxPointsAtTheBoundThatEmptiesIt() =>
        Fails(Header + "(assert (<= X_0 0))\n(assert (>= X_1 0)) (assert (<= X_1 1))\n(assert (>= X_0 0.5))", 6, 9,
            "empty input box: X_0 has lower bound 0.5 above upper bound 0");

    [Fact]
    public void EmptyInputBoxInOneDisjunct() =>
        Fails(Header + Bounds + "(assert (or (<= X_0 0.5) (and (>= Y_0 1) (<= X_1 -1))))", 5, 42,
            "empty input box: X_1 has lower bound 0 above upper bound -1 in disjunct 2 of 2");

    [Fact]
    public void MissingLowerBoundPointsAtTheDeclaration() =>
        Fails(Header + "(assert (<= X_0 1)) (assert (>= X_1 0)) (assert (<= X_1 1))", 1, 16,
            "X_0 has no lower bound; every input needs finite lower and upper bounds");

    [Fact]
    public void MissingUpperBoundInOneDisjunct() =>
        Fails(Header + "(assert (>= X_0 0)) (assert (>= X_1 0)) (assert (<= X_1 1))\n(assert (or (<= X_0 1) (<= Y_0 0)))", 1, 16,
            "X_0 has no upper bound in disjunct 2 of 2");

    [Fact]
    public void PropertyWithoutAssertionsHasNoBounds() => Fails(Header, 1, 16, "X_0 has no lower bound");

    [Fact]
    public void PositionsSkipCommentsAndCountTabsAsOneColumn() =>
        Fails(Header + "; (assert (<= X_0 Y_0)) in a comment\n\t(assert (<= X_0 Y_0))", 5, 10, "mixes inputs and outputs");

    [Fact]
    public void NestingDeeperThanTheLimit()
    {
        var depth = SExpressionReader.MaxDepth + 1;
        Fails(Header + new string('(', depth) + new string(')', depth), 4, depth, "nested more than");
    }

    [Fact]
    public void LoadOfAMissingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.vnnlib");

        var error = Assert.Throws<BadInputException>(() => VnnLibParser.Load(path));

        Assert.Equal($"{path}: file not found", error.Message);
    }

    [Fact]
    public async Task LoadAsyncOfAMissingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "p.vnnlib");

        var error = await Assert.ThrowsAsync<BadInputException>(() => VnnLibParser.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal($"{path}: file not found", error.Message);
    }
}
