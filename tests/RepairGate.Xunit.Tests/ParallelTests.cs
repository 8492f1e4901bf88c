namespace RepairGate.Xunit.Tests;

public sealed class ParallelTests
{
    [Fact]
    public void Concurrent_assertions_load_each_model_once_and_verify_each_pair_once()
    {
        // Fresh copies: this test's cache entries are its own even while other tests run in parallel.
        var model = Acas.CopyToTemp(Acas.Net29);
        var holds = Acas.CopyToTemp(Acas.Prop(3));
        var violated = Acas.CopyToTemp(Acas.Prop(8));
        var context = TestContext.Current;
        using var start = new Barrier(8);

        var failures = new int[8];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            if (i % 2 == 0)
            {
                NetworkAssert.Holds(model, holds, timeoutSeconds: 30);
                return;
            }
            var error = Assert.Throws<NetworkAssertException>(() => NetworkAssert.Holds(model, violated, timeoutSeconds: 30));
            OnnxRuntimeCheck.ConfirmsViolation(error.Message, model, violated);
            failures[i] = 1;
        });

        Assert.Equal(4, failures.Sum());
        Assert.Equal(1, TestRunCache.LoadsOf(model));
        Assert.Equal(1, TestRunCache.VerificationsOf(model, holds));
        Assert.Equal(1, TestRunCache.VerificationsOf(model, violated));
        Assert.NotNull(context.Attachments);
    }

    [Fact]
    public void A_changed_model_file_is_loaded_again()
    {
        var model = Acas.CopyToTemp(Acas.Net29);
        NetworkAssert.Holds(model, Acas.Prop(3), timeoutSeconds: 30);

        File.SetLastWriteTimeUtc(model, File.GetLastWriteTimeUtc(model).AddMinutes(1));
        NetworkAssert.Holds(model, Acas.Prop(3), timeoutSeconds: 30);

        Assert.Equal(2, TestRunCache.LoadsOf(model));
    }
}
