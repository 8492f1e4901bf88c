using RepairGate.Core.Torch;

namespace RepairGate.Core.Tests.Torch;

public class ElfVersionPatcherTests
{
    private static string? PackagedTorchSharpNative()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(path) ? path : null;
    }

    [Fact]
    public void Marks_the_glibcxx_requirement_weak_once_and_changes_one_byte()
    {
        var original = File.ReadAllBytes(PackagedTorchSharpNative() ?? throw new InvalidOperationException("TorchSharp package not restored"));
        var image = original.ToArray();
        Assert.Equal(ElfVersionPatcher.Result.Patched, ElfVersionPatcher.MarkVersionWeak(image, "GLIBCXX_3.4.32"));
        Assert.Single(Enumerable.Range(0, image.Length), i => image[i] != original[i]);
        Assert.Equal(ElfVersionPatcher.Result.AlreadyWeak, ElfVersionPatcher.MarkVersionWeak(image, "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void Leaves_other_files_alone()
    {
        Assert.Equal(ElfVersionPatcher.Result.NotElf64, ElfVersionPatcher.MarkVersionWeak("not an elf file at all, just some text here....................................."u8.ToArray(), "GLIBCXX_3.4.32"));
        var packaged = File.ReadAllBytes(PackagedTorchSharpNative()!);
        Assert.Equal(ElfVersionPatcher.Result.VersionNotRequired, ElfVersionPatcher.MarkVersionWeak(packaged, "GLIBCXX_9.9.99"));
    }

    [Fact]
    public void Patching_a_file_is_atomic_and_idempotent()
    {
        var copy = Path.Combine(TestData.TempFolder(), "libLibTorchSharp.so");
        File.Copy(PackagedTorchSharpNative()!, copy);
        Assert.Equal(ElfVersionPatcher.Result.Patched, TorchNativeLoader.PatchFile(copy));
        Assert.Equal(ElfVersionPatcher.Result.AlreadyWeak, TorchNativeLoader.PatchFile(copy));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(copy)!));
    }
}
