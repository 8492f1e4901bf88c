namespace RepairGate.Core.EditSets;

/// <summary>Image corruptions for corrupted-point edit sets (inputs in [0, 1], images of known height × width).</summary>
public enum Corruption
{
    /// <summary>Gaussian noise with standard deviation = severity, clipped to [0, 1].</summary>
    Noise,

    /// <summary>Every pixel plus severity, clipped.</summary>
    Brightness,

    /// <summary>Box blur of radius ⌈severity·3⌉ pixels.</summary>
    Blur,

    /// <summary>Blend towards a smooth, seeded random haze: x·(1 - severity) + haze·severity.</summary>
    Fog,
}
