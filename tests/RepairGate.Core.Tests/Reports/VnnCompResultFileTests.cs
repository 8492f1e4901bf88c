using RepairGate.Core.Reports;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Tests.Reports;

public class VnnCompResultFileTests
{
    [Fact]
    public void Sat_lists_inputs_then_outputs_as_exact_values()
    {
        var cex = new Counterexample([0.1f, -2f], [3.5f], 0, -0.5, "test");
        var result = new VerificationResult(Verdict.Sat, cex, TimeSpan.Zero, "", new VerificationStatistics());
        Assert.Equal("sat\n((X_0 0.10000000149011612)\n (X_1 -2)\n (Y_0 3.5))\n", VnnCompResultFile.Format(result));
    }

    [Theory]
    [InlineData(Verdict.Unsat, "unsat\n")]
    [InlineData(Verdict.Unknown, "unknown\n")]
    [InlineData(Verdict.Timeout, "timeout\n")]
    public void Other_verdicts_are_one_word(Verdict verdict, string expected)
    {
        var result = new VerificationResult(verdict, null, TimeSpan.Zero, "", new VerificationStatistics());
        Assert.Equal(expected, VnnCompResultFile.Format(result));
    }
}
