namespace AcasXuGate;

/// <summary>
/// One encounter with an intruder, in the network's normalised input units: distance (rho), angle to intruder
/// (theta), intruder heading (psi), own speed and intruder speed, as in the ACAS Xu benchmark.
/// </summary>
public sealed record Encounter(string Name, float Rho, float Theta, float Psi, float OwnSpeed, float IntruderSpeed)
{
    public float[] Input => [Rho, Theta, Psi, OwnSpeed, IntruderSpeed];

    public static IReadOnlyList<Encounter> Samples { get; } =
    [
        new("distant intruder, head-on", 0.6f, 0.0f, 0.49f, 0.3f, 0.3f),
        new("close intruder on the left", -0.3f, 0.3f, -0.2f, 0.1f, 0.2f),
        new("close intruder on the right", -0.3f, -0.3f, 0.2f, 0.1f, 0.2f),
        new("property 8 region", 0.2f, -0.45f, 0.0f, 0.3f, 0.3f),
    ];
}
