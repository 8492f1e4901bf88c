namespace RepairGate.Core.Metrics;

/// <summary>
/// Peak working set of this process while an action runs: sampled on a timer (and at start and end), the maximum
/// reported. The process is shared (e.g. with the test runner), so this is an upper bound on what the action needs.
/// </summary>
public static class PeakMemory
{
    public static TimeSpan DefaultInterval { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs <paramref name="action"/> and returns its result with the largest working set seen (bytes).</summary>
    public static async Task<(T Result, long PeakBytes)> MeasureAsync<T>(Func<Task<T>> action, TimeSpan? interval = null)
    {
        var peak = Sample();
        var gate = new object();
        void Update()
        {
            var now = Sample();
            lock (gate) peak = Math.Max(peak, now);
        }
        using var timer = new Timer(_ => Update(), null, TimeSpan.Zero, interval ?? DefaultInterval);
        try
        {
            var result = await action().ConfigureAwait(false);
            Update();
            lock (gate) return (result, peak);
        }
        finally
        {
            // Wait for a callback that may be running, so peak is not written after we return.
            using var done = new ManualResetEvent(false);
            if (timer.Dispose(done)) done.WaitOne();
        }
    }

    /// <summary>The current working set of this process (bytes).</summary>
    public static long Sample() => Environment.WorkingSet;
}
