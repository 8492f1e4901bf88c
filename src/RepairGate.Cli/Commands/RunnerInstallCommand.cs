using System.CommandLine;
using RepairGate.Core.Torch;

namespace RepairGate.Cli.Commands;

/// <summary>
/// <c>repairgate runner-install --to DIR</c>: makes a writable copy of this runner for the MSBuild gate. The RepairGate.Build
/// package ships only the managed runner; its native libraries stay in the NuGet cache, found through
/// <c>dotnet exec --additionalprobingpath</c>. TorchSharp's bridge library is the exception: it needs a patched copy
/// (see <see cref="TorchNativeLoader"/>) and must sit beside links to LibTorch so its dependencies resolve, and the
/// NuGet cache must never be modified. The copy is built in a temporary folder and renamed into place, so a
/// cancelled install leaves nothing half-made. Hidden from help.
/// </summary>
internal static class RunnerInstallCommand
{
    private static readonly string[] BridgeNames = ["libLibTorchSharp.so", "libLibTorchSharp.dylib", "LibTorchSharp.dll"];
    private static readonly string[] LibTorchMarkers = ["libtorch_cpu.so", "libtorch_cpu.dylib", "torch_cpu.dll"];

    public static Command Create(OutputStreams streams)
    {
        var to = new Option<DirectoryInfo>("--to") { Description = "The folder to create", Required = true };
        var command = new Command("runner-install", "Materialise a writable runner for the MSBuild gate.") { to };
        command.Hidden = true;
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, () =>
        {
            var target = parse.GetValue(to)!.FullName.TrimEnd(Path.DirectorySeparatorChar);
            if (Directory.Exists(target))
            {
                streams.Output.WriteLine($"runner already installed in {target}");
                return Task.FromResult(ExitCodes.Holds);
            }
            Install(target, streams.Output);
            return Task.FromResult(ExitCodes.Holds);
        }));
        return command;
    }

    private static void Install(string target, TextWriter log)
    {
        var staging = $"{target}.{Environment.ProcessId}.tmp";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in Directory.GetFiles(AppContext.BaseDirectory))
                File.Copy(file, Path.Combine(staging, Path.GetFileName(file)));
            LinkTorchNatives(staging);
            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another build installed the same runner meanwhile; theirs is as good as ours.
            }
            log.WriteLine($"runner installed in {target}");
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>A patched copy of the bridge in runtimes/RID/native, with links to the LibTorch libraries it loads.</summary>
    private static void LinkTorchNatives(string staging)
    {
        var folders = ((AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(Directory.Exists)
            .ToArray();
        var bridge = folders.SelectMany(f => BridgeNames.Select(n => Path.Combine(f, n))).FirstOrDefault(File.Exists);
        var libTorch = folders.FirstOrDefault(f => LibTorchMarkers.Any(n => File.Exists(Path.Combine(f, n))));
        if (bridge is null || libTorch is null)
            throw new InvalidOperationException("TorchSharp's native libraries were not found on the runner's probing paths; is the TorchSharp-cpu package restored?");

        // .../runtimes/<rid>/native/<bridge>: keep the same relative layout so the host resolves the copy first.
        var rid = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(bridge)))!;
        var native = Path.Combine(staging, "runtimes", rid, "native");
        Directory.CreateDirectory(native);
        var copy = Path.Combine(native, Path.GetFileName(bridge));
        File.Copy(bridge, copy);
        if (OperatingSystem.IsLinux()) TorchNativeLoader.PatchFile(copy);

        foreach (var library in Directory.GetFiles(libTorch))
        {
            var link = Path.Combine(native, Path.GetFileName(library));
            if (File.Exists(link)) continue;
            try
            {
                File.CreateSymbolicLink(link, library);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                File.Copy(library, link); // e.g. Windows without the symlink privilege: correct, only larger.
            }
        }
    }
}
