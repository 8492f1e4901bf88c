namespace RepairGate.Core;

/// <summary>
/// Writes files so that readers never see a half-written one: write a temporary sibling, flush, then rename over the
/// target. Used for every model and report RepairGate produces.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAllBytesAsync(string path, byte[] bytes, IReadOnlyCollection<string>? protectedPaths = null, CancellationToken cancellationToken = default)
    {
        var target = Prepare(path, protectedPaths);
        var temp = TempPath(target);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static Task WriteAllTextAsync(string path, string text, IReadOnlyCollection<string>? protectedPaths = null, CancellationToken cancellationToken = default) =>
        WriteAllBytesAsync(path, new System.Text.UTF8Encoding(false).GetBytes(text), protectedPaths, cancellationToken);

    public static void WriteAllText(string path, string text, IReadOnlyCollection<string>? protectedPaths = null) =>
        WriteAllTextAsync(path, text, protectedPaths).GetAwaiter().GetResult();

    /// <summary>Fails with a clear message when <paramref name="path"/> is one of the inputs: outputs never replace inputs.</summary>
    public static void EnsureNotAnInput(string path, IReadOnlyCollection<string>? inputs)
    {
        var target = Path.GetFullPath(path);
        if (inputs is not null && inputs.Any(i => string.Equals(target, Path.GetFullPath(i), StringComparison.Ordinal)))
            throw new BadInputException("refusing to overwrite the input model; choose another output path", path);
    }

    private static string Prepare(string path, IReadOnlyCollection<string>? protectedPaths)
    {
        EnsureNotAnInput(path, protectedPaths);
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        return target;
    }

    private static string TempPath(string target) =>
        Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
}
