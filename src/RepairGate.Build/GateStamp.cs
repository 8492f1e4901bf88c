using System.Security.Cryptography;
using System.Text;

namespace RepairGate.Build;

/// <summary>
/// Content-hash cache: a model is gated again only when the model, one of its properties, its settings or the runner
/// changed, by content (a touched but identical file does not count). One small file per model, written only after
/// the model passed, so a failing gate keeps failing on rebuild.
/// </summary>
internal static class GateStamp
{
    public static string Compute(GateModel model, string settings, IEnumerable<string> runnerFiles) =>
        Compute(settings, runnerFiles, [model.FullPath, .. model.PropertyFiles]);

    /// <summary>The hash of the settings, the runner files and the content of <paramref name="inputFiles"/> (in order).</summary>
    public static string Compute(string settings, IEnumerable<string> runnerFiles, IEnumerable<string> inputFiles)
    {
        using var sha = SHA256.Create();
        using var stream = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write);
        void Text(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text + "\n");
            stream.Write(bytes, 0, bytes.Length);
        }
        void FileContent(string path)
        {
            Text(path);
            using var file = File.OpenRead(path);
            file.CopyTo(stream);
            Text("");
        }

        Text("repairgate-stamp-v1");
        Text(settings);
        foreach (var file in runnerFiles) FileContent(file);
        foreach (var file in inputFiles) FileContent(file);
        stream.FlushFinalBlock();
        return string.Concat(sha.Hash!.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The stamp file for a model inside <paramref name="cacheDirectory"/>, unique per model path.</summary>
    public static string PathFor(string cacheDirectory, GateModel model) => PathFor(cacheDirectory, model.FullPath);

    /// <summary>The stamp file for the model at <paramref name="modelPath"/>, unique per path.</summary>
    public static string PathFor(string cacheDirectory, string modelPath)
    {
        using var sha = SHA256.Create();
        var id = sha.ComputeHash(Encoding.UTF8.GetBytes(modelPath));
        var suffix = string.Concat(id.Take(6).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        return Path.Combine(cacheDirectory, $"{Path.GetFileName(modelPath)}.{suffix}.stamp");
    }

    public static bool IsCurrent(string stampPath, string hash) =>
        File.Exists(stampPath) && string.Equals(File.ReadAllText(stampPath).Trim(), hash, StringComparison.Ordinal);

    public static void Write(string stampPath, string hash)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(stampPath)!);
        var temp = stampPath + ".tmp";
        File.WriteAllText(temp, hash);
        if (File.Exists(stampPath)) File.Delete(stampPath);
        File.Move(temp, stampPath);
    }

    public static void Clear(string stampPath)
    {
        if (File.Exists(stampPath)) File.Delete(stampPath);
    }
}
