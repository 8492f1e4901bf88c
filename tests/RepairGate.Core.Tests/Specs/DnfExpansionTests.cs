using RepairGate.Core.Specs;

namespace RepairGate.Core.Tests.Specs;

public class DnfExpansionTests
{
    private const string Declarations = """
        (declare-const X_0 Real)
        (declare-const Y_0 Real)
        (declare-const Y_1 Real)
        (declare-const Y_2 Real)
        (declare-const Y_3 Real)
        (declare-const Y_4 Real)
        (assert (>= X_0 -1))
        (assert (<= X_0 1))

        """;

    // (a and (b or c)) or d, conjoined with (e or f): six terms in source order.
    private const string NestedOutputs = """
        (assert (or (and (<= Y_0 1) (or (<= Y_1 2) (<= Y_2 3))) (<= Y_3 4)))
        (assert (or (<= Y_4 5) (>= Y_4 6)))
        """;

    [Fact]
    public void NestedAndOrDistributesInSourceOrder()
    {
        var property = VnnLibParser.Parse(Declarations + NestedOutputs, "nested.vnnlib");

        var propertyCase = Assert.Single(property.Cases);
        Assert.Equal(
            [
                "Y_0 <= 1 and Y_1 <= 2 and Y_4 <= 5",
                "Y_0 <= 1 and Y_1 <= 2 and -Y_4 <= -6",
                "Y_0 <= 1 and Y_2 <= 3 and Y_4 <= 5",
                "Y_0 <= 1 and Y_2 <= 3 and -Y_4 <= -6",
                "Y_3 <= 4 and Y_4 <= 5",
                "Y_3 <= 4 and -Y_4 <= -6",
            ],
            propertyCase.UnsafeOutputs.Select(p => p.ToString()));
    }

    [Fact]
    public void InputDisjunctsInsideNestedFormulasBecomeCases()
    {
        var property = VnnLibParser.Parse(Declarations + """
            (assert (or
                (and (<= X_0 0) (or (<= Y_0 0) (and (<= Y_1 0) (<= Y_2 0))))
                (and (>= X_0 0) (and (<= Y_0 Y_1)))
                (and (<= X_0 0) (<= Y_3 0))))
            """, "cases.vnnlib");

        Assert.Equal(2, property.Cases.Count);
        Assert.Equal("[-1, 0]", property.Cases[0].Input.ToString());
        Assert.Equal(["Y_0 <= 0", "Y_1 <= 0 and Y_2 <= 0", "Y_3 <= 0"], property.Cases[0].UnsafeOutputs.Select(p => p.ToString()));
        Assert.Equal("[0, 1]", property.Cases[1].Input.ToString());
        Assert.Equal(["Y_0 - Y_1 <= 0"], property.Cases[1].UnsafeOutputs.Select(p => p.ToString()));
    }

    [Fact]
    public void ExpansionAgreesWithDirectEvaluationOnRandomPoints()
    {
        var property = VnnLibParser.Parse(Declarations + """
            (assert (or (and (<= X_0 0.2) (or (<= Y_0 Y_1) (and (>= Y_2 0) (<= Y_3 0))))
                        (and (>= X_0 -0.3) (or (and (>= Y_4 0.5) (or (<= Y_0 0) (>= Y_1 0))) (<= (+ Y_2 Y_3) -1)))))
            """, "random.vnnlib");
        static bool Unsafe(double[] x, double[] y) =>
            x[0] >= -1 && x[0] <= 1
            && ((x[0] <= 0.2 && (y[0] <= y[1] || (y[2] >= 0 && y[3] <= 0)))
                || (x[0] >= -0.3 && ((y[4] >= 0.5 && (y[0] <= 0 || y[1] >= 0)) || y[2] + y[3] <= -1)));

        var random = new Random(1234);
        for (var trial = 0; trial < 2000; trial++)
        {
            double[] x = [random.NextDouble() * 2.4 - 1.2];
            var y = Enumerable.Range(0, 5).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            Assert.Equal(Unsafe(x, y), property.IsCounterexample(x, y, out _));
        }
    }

    [Fact]
    public void TooManyTermsIsReportedAtTheAssertionThatCrossesTheLimit()
    {
        // Six terms; the second assertion takes the count from 3 to 6.
        var text = Declarations + NestedOutputs;

        var error = Assert.Throws<BadInputException>(() => VnnLibParser.Parse(text, "big.vnnlib", maxTerms: 4));

        Assert.Equal((10, 9), (error.Line, error.Column));
        Assert.StartsWith("big.vnnlib(10,9): the property has more than 4 disjuncts", error.Message);
    }

    [Fact]
    public void DefaultLimitStopsAMillionTermExpansionBeforeAllocatingIt()
    {
        var disjunction = "(assert (or " + string.Concat(Enumerable.Range(0, 10).Select(k => $"(<= Y_0 {k}) ")) + "))\n";
        var text = Declarations + string.Concat(Enumerable.Repeat(disjunction, 6));

        var error = Assert.Throws<BadInputException>(() => VnnLibParser.Parse(text, "huge.vnnlib"));

        Assert.Equal(14, error.Line); // the sixth assertion reaches 10^6 > 100000
        Assert.Contains("more than 100000 disjuncts", error.Message);
    }
}
