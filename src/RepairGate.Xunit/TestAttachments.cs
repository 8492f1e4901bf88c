using Xunit;

namespace RepairGate.Xunit;

/// <summary>Adds evidence to the running test's result (xUnit v3 attachments); does nothing outside a test.</summary>
internal static class TestAttachments
{
    public static void AddText(string name, string text)
    {
        if (TestContext.Current.Test is not null) TestContext.Current.AddAttachment(name, text, replaceExistingValue: true);
    }

    public static void AddFile(string name, byte[] bytes, string mediaType = "application/octet-stream")
    {
        if (TestContext.Current.Test is not null) TestContext.Current.AddAttachment(name, bytes, replaceExistingValue: true, mediaType);
    }

    public static CancellationToken CancellationToken => TestContext.Current.CancellationToken;
}
