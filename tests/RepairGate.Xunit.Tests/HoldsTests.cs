using RepairGate.Core;
using Xunit.v3;

namespace RepairGate.Xunit.Tests;

public sealed class HoldsTests
{
    [Fact]
    public void A_proven_property_passes_and_its_unsat_result_is_attached()
    {
        NetworkAssert.Holds(Acas.Net29, Acas.Prop(3), timeoutSeconds: 30);

        var attachment = TestContext.Current.Attachments![$"{Acas.Net29Name}__prop_3.txt"];
        Assert.Equal("unsat\n", attachment.AsString());
    }

    [Fact]
    public void A_violated_property_fails_with_a_counterexample_that_OnnxRuntime_confirms()
    {
        var error = Assert.Throws<NetworkAssertException>(() => NetworkAssert.Holds(Acas.Net29, Acas.Prop(8), timeoutSeconds: 30));

        Assert.StartsWith($"prop_8 on {Acas.Net29Name} is violated (sat in ", error.Message);
        Assert.Contains("output: [", error.Message);
        Assert.Contains("unsafe because: ", error.Message);
        OnnxRuntimeCheck.ConfirmsViolation(error.Message, Acas.Net29, Acas.Prop(8));
    }

    [Fact]
    public void A_violation_is_written_and_attached_as_a_VNN_COMP_result_file()
    {
        var error = Assert.Throws<NetworkAssertException>(() => NetworkAssert.Holds(Acas.Net29, Acas.Prop(8), timeoutSeconds: 30));

        var file = ResultFiles.PathFor(Acas.Net29Name, "prop_8", ".txt");
        Assert.Contains($"result file: {file}", error.Message);
        var text = File.ReadAllText(file);
        Assert.StartsWith("sat\n((X_0 ", text);
        Assert.Contains("(Y_4 ", text);
        Assert.Equal(text, TestContext.Current.Attachments![Path.GetFileName(file)].AsString());
        // The file holds the same input as the message.
        var x0 = OnnxRuntimeCheck.InputIn(error.Message)[0];
        Assert.StartsWith($"sat\n((X_0 {((double)x0).ToString("R", System.Globalization.CultureInfo.InvariantCulture)})", text);
    }

    [Fact]
    public void No_verdict_fails_by_default_with_the_reason()
    {
        // prop_2 on 1_1 holds but takes far longer than 0.3 s to prove.
        var error = Assert.Throws<NetworkAssertException>(() => NetworkAssert.Holds(Acas.Net11, Acas.Prop(2), timeoutSeconds: 0.3));

        Assert.StartsWith("prop_2 on ACASXU_run2a_1_1_batch_2000: no verdict (timeout after ", error.Message);
        Assert.Contains("SkipOnUnknown", error.Message);
    }

    [Fact]
    public void No_verdict_skips_dynamically_when_the_test_opts_in()
    {
        // Caught by hand: Assert.Throws lets skip exceptions through (the test would be skipped, not checked).
        Exception? skip = null;
        try
        {
            NetworkAssert.Holds(Acas.Net11, Acas.Prop(2), timeoutSeconds: 0.3, skipOnUnknown: true);
        }
        catch (Exception e)
        {
            skip = e;
        }

        // xUnit v3 turns an exception whose message starts with this token into a skipped test with the rest as reason.
        Assert.NotNull(skip);
        Assert.StartsWith(DynamicSkipToken.Value + "prop_2 on ACASXU_run2a_1_1_batch_2000: no verdict (timeout", skip.Message);
    }

    [Fact]
    public void A_missing_model_is_bad_input_naming_the_file()
    {
        var error = Assert.Throws<BadInputException>(() => NetworkAssert.Holds("models/missing.onnx", Acas.Prop(3)));

        Assert.Equal(TestPaths.Resolve("models/missing.onnx"), error.File);
    }

    [Fact]
    public void A_property_of_the_wrong_size_is_bad_input_naming_the_property()
    {
        var property = Path.Combine(TestData.TempFolder(), "two_inputs.vnnlib");
        File.WriteAllText(property, "(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const Y_0 Real)\n(assert (<= X_0 1))\n(assert (>= X_0 0))\n(assert (<= X_1 1))\n(assert (>= X_1 0))\n(assert (<= Y_0 0))\n");

        var error = Assert.Throws<BadInputException>(() => NetworkAssert.Holds(Acas.Net29, property));

        Assert.Equal(property, error.File);
    }
}
