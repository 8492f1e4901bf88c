using System.Text;
using RepairGate.Core.Verification;
using Xunit;

namespace RepairGate.Xunit;

/// <summary>
/// Assertions about networks, verified in the test process by RepairGate's verifier. A violated property fails with the
/// counterexample (inputs, OnnxRuntime's outputs, the unsafe condition they meet); an unknown or timed-out verdict fails
/// too, unless the caller opted in to skipping. Every verdict is also written as a VNN-COMP result file
/// (<see cref="ResultFiles"/>) and attached to the test result.
/// </summary>
public static partial class NetworkAssert
{
    /// <summary>Passes when the property is proven to hold (unsat); fails with the counterexample when it is violated.</summary>
    public static void Holds(NetworkProperty property) => Holds(property, repairer: null);

    /// <summary>As <see cref="Holds(NetworkProperty)"/>, for a model and property given by path (relative to the test output folder).</summary>
    public static void Holds(string model, string property, double timeoutSeconds = 60, bool skipOnUnknown = false) =>
        Holds(new NetworkProperty(model, property, timeoutSeconds, skipOnUnknown));

    /// <summary>
    /// As <see cref="Holds(NetworkProperty)"/>; when the property is violated, also asks <paramref name="repairer"/> for a
    /// repaired model, verifies it, writes it next to the result file and attaches it. The test still fails: the model
    /// under test is the original one.
    /// </summary>
    public static void Holds(NetworkProperty property, IModelRepairer? repairer)
    {
        var check = Verify(property);
        switch (check.Result.Verdict)
        {
            case Verdict.Unsat:
                return;
            case Verdict.Sat:
                var message = new StringBuilder(ViolationMessage(check));
                if (repairer is not null) message.Append(RepairReport.Attempt(check, repairer, TestAttachments.CancellationToken).Message);
                throw new NetworkAssertException(message.ToString());
            default:
                throw Undecided(check, property);
        }
    }

    /// <summary>
    /// Passes when the property holds, or when <paramref name="repairer"/> produces a model for which it is proven to
    /// hold (that model is written and attached); fails otherwise.
    /// </summary>
    public static void IsRepairable(NetworkProperty property, IModelRepairer repairer)
    {
        ArgumentNullException.ThrowIfNull(repairer);
        var check = Verify(property);
        if (check.Result.Verdict == Verdict.Unsat) return;
        if (check.Result.Verdict != Verdict.Sat) throw Undecided(check, property);
        var repair = RepairReport.Attempt(check, repairer, TestAttachments.CancellationToken);
        if (!repair.Proven) throw new NetworkAssertException(ViolationMessage(check) + repair.Message);
    }

    private static PropertyCheck Verify(NetworkProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var check = TestRunCache.Check(property, TestAttachments.CancellationToken);
        TestAttachments.AddText(Path.GetFileName(check.ResultFile), File.ReadAllText(check.ResultFile));
        return check;
    }

    private static string ViolationMessage(PropertyCheck check)
    {
        var text = new StringBuilder();
        var result = check.Result;
        text.AppendLine($"{check.Request.Label} is violated (sat in {result.Elapsed.TotalSeconds:0.00} s): {result.Detail}");
        text.Append(CounterexampleText.Describe(result.Counterexample!, check.Property));
        AppendFiles(text, check);
        return text.ToString();
    }

    private static Exception Undecided(PropertyCheck check, NetworkProperty request)
    {
        var result = check.Result;
        var reason = $"{check.Request.Label}: no verdict ({result.Verdict.ToResultWord()} after {result.Elapsed.TotalSeconds:0.00} s): {result.Detail}";
        // The cached check may come from another test: the caller's own choice decides.
        if (request.SkipOnUnknown) Assert.Skip(reason);
        var text = new StringBuilder(reason).AppendLine();
        text.AppendLine("  (set SkipOnUnknown = true to skip instead of failing, or raise Timeout)");
        AppendFiles(text, check);
        return new NetworkAssertException(text.ToString());
    }

    private static void AppendFiles(StringBuilder text, PropertyCheck check)
    {
        text.AppendLine($"  model:    {check.Request.ModelPath}");
        text.AppendLine($"  property: {check.Request.PropertyPath}");
        text.AppendLine($"  result file: {check.ResultFile}");
    }
}
