namespace RepairGate.Core.Verification;

/// <summary>Budget and reproducibility settings for verifying one property.</summary>
public sealed record VerificationOptions
{
    /// <summary>Wall-clock budget for the property. Defaults to 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seed of every randomised engine; the same seed gives the same result.</summary>
    public int Seed { get; init; } = 20261123;
}
