using RepairGate.Core.Specs;

namespace RepairGate.Core.Repair;

/// <summary>Settings of a verify-repair-reverify run.</summary>
public sealed record RepairOptions
{
    /// <summary>An engine name from the catalog, or "auto" to escalate through all of them.</summary>
    public string Engine { get; init; } = "auto";

    /// <summary>The affine layer to change, counted over affine layers (0 = first, -1 = last); null lets each engine choose.</summary>
    public int? Layer { get; init; }

    public WeightNorm Norm { get; init; } = WeightNorm.LInf;

    /// <summary>How far edit points must clear the unsafe sets (output units).</summary>
    public double Margin { get; init; } = 1e-3;

    /// <summary>Optional bound on each parameter's change.</summary>
    public double? MaxWeightChange { get; init; }

    /// <summary>Engine calls per engine before escalating to the next.</summary>
    public int MaxIterations { get; init; } = 8;

    /// <summary>Wall-clock budget of the whole run.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Budget of one verification of one property.</summary>
    public TimeSpan VerifyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Preserve-set size (sampled from <see cref="Domain"/>).</summary>
    public int PreservePoints { get; init; } = 2000;

    /// <summary>Test-set size for the fidelity metric (sampled from <see cref="TestDomain"/> with another seed).</summary>
    public int TestPoints { get; init; } = 10000;

    /// <summary>Where preserve points come from; null: the bounding box of all the properties' input boxes.</summary>
    public IReadOnlyList<InputBox>? Domain { get; init; }

    /// <summary>Where test points come from; null: <see cref="Domain"/>.</summary>
    public IReadOnlyList<InputBox>? TestDomain { get; init; }

    /// <summary>Seed for sampling, harvesting and verification.</summary>
    public int Seed { get; init; } = 20261123;

    /// <summary>
    /// Let engines that can (the last-layer LP) make whole violated input boxes safe by construction, and prove the
    /// result on the same partition; false repairs points only and relies on the loop and the general verifier.
    /// </summary>
    public bool UseRegions { get; init; } = true;

    /// <summary>
    /// Verdicts already established on the original network (e.g. by the MSBuild gate before it asked for repair), so
    /// the loop does not verify those properties a second time. Properties missing here are verified as usual.
    /// </summary>
    public IReadOnlyDictionary<VnnProperty, Verification.VerificationResult>? OriginalResults { get; init; }

    /// <summary>How counterexamples are multiplied into edit points.</summary>
    public ViolationHarvester Harvester { get; init; } = new();
}
