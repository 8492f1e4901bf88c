using System.Runtime.InteropServices;

namespace RepairGate.Core.Torch;

/// <summary>
/// Makes TorchSharp's native bridge loadable on systems whose libstdc++ predates GCC 13 (e.g. Debian 12).
/// libLibTorchSharp.so requires GLIBCXX_3.4.32 only for a hook it never binds, so the requirement is marked weak
/// in the copies next to the application (never in the NuGet cache). Idempotent and cheap after the first call.
/// </summary>
public static class TorchNativeLoader
{
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private static readonly Lock Gate = new();
    private static bool _done;

    /// <summary>Call before the first use of TorchSharp in the process.</summary>
    public static void EnsureLoadable()
    {
        lock (Gate)
        {
            if (_done) return;
            _done = true;
            if (!OperatingSystem.IsLinux() || SystemProvidesVersion()) return;
            foreach (var path in CandidateLibraries(AppContext.BaseDirectory))
                PatchFile(path);
        }
    }

    /// <summary>Paths where TorchSharp looks for its bridge library, relative to the application folder.</summary>
    public static IEnumerable<string> CandidateLibraries(string baseDirectory)
    {
        var rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        string[] folders = [baseDirectory, Path.Combine(baseDirectory, "runtimes", rid, "native"), Path.Combine(baseDirectory, "cpu")];
        return folders.Select(f => Path.Combine(f, "libLibTorchSharp.so")).Where(File.Exists);
    }

    /// <summary>Patches one copy in place, atomically (write a sibling, then rename over it).</summary>
    public static ElfVersionPatcher.Result PatchFile(string path)
    {
        var image = File.ReadAllBytes(path);
        var result = ElfVersionPatcher.MarkVersionWeak(image, MissingVersion);
        if (result != ElfVersionPatcher.Result.Patched) return result;
        var temp = path + ".rgpatch." + Environment.ProcessId;
        File.WriteAllBytes(temp, image);
        File.Move(temp, path, overwrite: true);
        return result;
    }

    private static bool SystemProvidesVersion()
    {
        string[] candidates = ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6"];
        var library = candidates.FirstOrDefault(File.Exists);
        if (library is null) return false;
        var marker = System.Text.Encoding.ASCII.GetBytes(MissingVersion + "\0");
        return File.ReadAllBytes(library).AsSpan().IndexOf(marker) >= 0;
    }
}
