using static TorchSharp.torch;

namespace RepairGate.Core.Torch;

/// <summary>TorchSharp's intra-op thread pool is process-wide; RepairGate parallelises across properties instead.</summary>
internal static class TorchThreads
{
    private static int _configured;

    public static void UseSingleThread()
    {
        TorchNativeLoader.EnsureLoadable();
        if (Interlocked.Exchange(ref _configured, 1) == 0) set_num_threads(1);
    }
}
