namespace RepairGate.Xunit;

/// <summary>
/// Limits how many verifications run at once. The prover already uses every core, so running several side by side
/// only slows each one down and makes wall-clock timeouts likelier; tests wait here, and the budget starts after.
/// </summary>
public static class VerificationGate
{
    /// <summary>Verifications allowed at once: 1, or the value of <c>REPAIRGATE_PARALLEL_VERIFICATIONS</c>.</summary>
    public static int Limit { get; } = CreateLimit();

    private static readonly SemaphoreSlim Slots = new(Limit);

    internal static T Run<T>(Func<T> work, CancellationToken cancellationToken)
    {
        Slots.Wait(cancellationToken);
        try
        {
            return work();
        }
        finally
        {
            Slots.Release();
        }
    }

    private static int CreateLimit() =>
        int.TryParse(Environment.GetEnvironmentVariable("REPAIRGATE_PARALLEL_VERIFICATIONS"), out var limit) && limit > 0 ? limit : 1;
}
