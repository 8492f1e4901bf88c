using RepairGate.Core.Specs;

namespace RepairGate.Core.Tests.Specs;

/// <summary>Hand-written VNNLIB text: how atoms, numbers and linear terms turn into boxes and constraints.</summary>
public class VnnLibSemanticsTests
{
    private const string TwoByThree = """
        (declare-const X_0 Real)
        (declare-const X_1 Real)
        (declare-const Y_0 Real)
        (declare-const Y_1 Real)
        (declare-const Y_2 Real)

        """;

    private static VnnProperty Parse(string assertions) => VnnLibParser.Parse(TwoByThree + assertions, "hand.vnnlib");

    [Fact]
    public void VariableVersusVariableIsUnsafeWhenTheComparisonHolds()
    {
        var property = Parse("""
            (assert (>= X_0 0)) (assert (<= X_0 1)) (assert (>= X_1 0)) (assert (<= X_1 1))
            (assert (<= Y_0 Y_1))
            """);

        var propertyCase = Assert.Single(property.Cases);
        Assert.Equal("Y_0 - Y_1 <= 0", propertyCase.UnsafeOutputs[0].ToString());
        Assert.Equal(-1, propertyCase.UnsafeMargin([1, 2, 0]));
        Assert.Equal(1, propertyCase.UnsafeMargin([3, 2, 0]));
        Assert.True(property.IsCounterexample([0.5, 0.5], [1, 2, 0], out var caseIndex));
        Assert.Equal(0, caseIndex);
        Assert.False(property.IsCounterexample([0.5, 0.5], [3, 2, 0], out _));
        Assert.False(property.IsCounterexample([1.5, 0.5], [1, 2, 0], out _)); // outside the box
    }

    [Theory]
    [InlineData("(<= X_0 -0.5)", -0.5)]
    [InlineData("(<= X_0 (- 0.5))", -0.5)]
    [InlineData("(<= X_0 1e-3)", 0.001)]
    [InlineData("(<= X_0 2.5E+1)", 25)]
    [InlineData("(<= X_0 .5)", 0.5)]
    [InlineData("(<= X_0 +3)", 3)]
    [InlineData("(<= X_0 7.)", 7)]
    [InlineData("(>= 4 X_0)", 4)]
    [InlineData("(<= (* 2 X_0) 1)", 0.5)]
    [InlineData("(<= (* X_0 2 3) 3)", 0.5)]
    [InlineData("(>= (- X_0) -1)", 1)]
    [InlineData("(<= (+ X_0 1) 3)", 2)]
    [InlineData("(<= (- X_0 1 1) 3)", 5)]
    [InlineData("(<= (/ X_0 4) 1)", 4)]
    [InlineData("(<= X_0 (/ 1 3))", 1.0 / 3)]
    public void NumbersAndLinearTermsGiveTheUpperBound(string atom, double upper)
    {
        var property = Parse($"(assert (>= X_0 -10)) (assert (>= X_1 0)) (assert (<= X_1 1)) (assert {atom})");

        Assert.Equal(upper, property.Cases[0].Input.Upper[0]);
        Assert.Equal(-10, property.Cases[0].Input.Lower[0]);
        Assert.Equal("true", Assert.Single(property.Cases[0].UnsafeOutputs).ToString()); // no output atoms: every output is unsafe
    }

    [Fact]
    public void NumberOnTheLeftGivesALowerBound()
    {
        var property = Parse("(assert (<= -1 X_0)) (assert (<= X_0 1)) (assert (<= (- 2) X_1)) (assert (<= X_1 1))");

        Assert.Equal([-1.0, -2], property.Cases[0].Input.Lower);
    }

    [Fact]
    public void RepeatedBoundsKeepTheTightest()
    {
        var property = Parse("""
            (assert (and (<= X_0 1) (<= X_0 0.5) (>= X_0 -1) (>= X_0 -2)))
            (assert (>= X_1 0)) (assert (<= X_1 1))
            """);

        Assert.Equal(-1, property.Cases[0].Input.Lower[0]);
        Assert.Equal(0.5, property.Cases[0].Input.Upper[0]);
    }

    [Fact]
    public void LinearOutputTermsAreCollected()
    {
        var property = Parse("""
            (assert (>= X_0 0)) (assert (<= X_0 1)) (assert (>= X_1 0)) (assert (<= X_1 1))
            (assert (<= (+ Y_0 (* 2 Y_1) (- 0.5)) (- Y_2 1)))
            (assert (>= (* -1 Y_2) (+ Y_0 Y_0)))
            """);

        var constraints = Assert.Single(property.Cases[0].UnsafeOutputs).Constraints;
        Assert.Equal("Y_0 + 2*Y_1 - Y_2 <= -0.5", constraints[0].ToString());
        Assert.Equal([1.0, 2, -1], constraints[0].Coefficients);
        Assert.Equal("2*Y_0 + Y_2 <= 0", constraints[1].ToString());
    }

    [Fact]
    public void TopLevelBoundsIntersectEveryDisjunct()
    {
        var property = Parse("""
            (assert (>= X_0 -1)) (assert (<= X_0 1)) (assert (>= X_1 0)) (assert (<= X_1 1))
            (assert (or (and (<= X_0 0.5) (<= Y_0 0)) (and (>= X_0 -3) (>= X_1 0.25) (<= Y_1 0))))
            """);

        Assert.Equal(2, property.Cases.Count);
        Assert.Equal([-1.0, 0], property.Cases[0].Input.Lower);
        Assert.Equal([0.5, 1], property.Cases[0].Input.Upper);
        Assert.Equal([-1.0, 0.25], property.Cases[1].Input.Lower);
        Assert.Equal([1.0, 1], property.Cases[1].Input.Upper);
    }

    [Fact]
    public void IdenticalPolytopesAndConstraintsAreKeptOnce()
    {
        var property = Parse("""
            (assert (>= X_0 0)) (assert (<= X_0 1)) (assert (>= X_1 0)) (assert (<= X_1 1))
            (assert (or (and (<= Y_0 1) (<= Y_0 1)) (<= Y_0 1) (>= 1 Y_0) (<= Y_1 2)))
            """);

        Assert.Equal(["Y_0 <= 1", "Y_1 <= 2"], property.Cases[0].UnsafeOutputs.Select(p => p.ToString()));
    }

    [Fact]
    public void CommentsCrLfAndExtraCommandsAreAccepted()
    {
        var text = "; header (((\r\n(set-logic QF_LRA)\r\n(declare-const X_0 Real) ; input\r\n(declare-const Y_0 Real)\r\n"
            + "(assert (<= X_0 1));)\r\n(assert (>= X_0 0))\r\n(assert (>= Y_0 2))\r\n(check-sat)\r\n";

        var property = VnnLibParser.Parse(text, "crlf.vnnlib");

        Assert.Equal("-Y_0 <= -2", property.Cases[0].UnsafeOutputs[0].ToString());
    }

    [Fact]
    public void DeclarationsMayComeInAnyOrder()
    {
        var property = VnnLibParser.Parse(
            "(declare-const Y_1 Real)(declare-const X_1 Real)(declare-const Y_0 Real)(declare-const X_0 Real)"
            + "(assert (<= X_0 1))(assert (>= X_0 0))(assert (<= X_1 1))(assert (>= X_1 0))(assert (<= Y_1 0))",
            "order.vnnlib");

        Assert.Equal((2, 2), (property.InputCount, property.OutputCount));
        Assert.Equal([0.0, 1], property.Cases[0].UnsafeOutputs[0].Constraints[0].Coefficients);
    }
}
