using System.Globalization;
using RepairGate.Core.Verification;
using Xunit.Sdk;

namespace RepairGate.Xunit;

/// <summary>
/// One model/property pair to check, as a theory argument: what <see cref="VnnLibDataAttribute"/> and
/// <see cref="VnnLibFactAttribute"/> pass to the test method and <see cref="NetworkAssert.Holds(NetworkProperty)"/> checks.
/// Serializable, so Test Explorer and <c>dotnet test</c> list every row as its own test.
/// </summary>
public sealed class NetworkProperty : IXunitSerializable
{
    /// <summary>Called by xUnit's de-serializer only.</summary>
    [Obsolete("Called by the xUnit de-serializer; use the other constructor.")]
    public NetworkProperty() => ModelPath = PropertyPath = "";

    /// <param name="modelPath">The model (.onnx or .nnet); relative paths are resolved against the test output folder.</param>
    /// <param name="propertyPath">The VNNLIB property; relative paths are resolved against the test output folder.</param>
    /// <param name="timeoutSeconds">Verification budget in seconds.</param>
    /// <param name="skipOnUnknown">Skip the test (instead of failing it) when no verdict is reached in time.</param>
    /// <param name="seed">Seed of the randomised search.</param>
    public NetworkProperty(string modelPath, string propertyPath, double timeoutSeconds = 60, bool skipOnUnknown = false, int? seed = null)
    {
        if (!(timeoutSeconds > 0) || double.IsInfinity(timeoutSeconds))
            throw new ArgumentOutOfRangeException(nameof(timeoutSeconds), timeoutSeconds, "the timeout must be a positive number of seconds");
        ModelPath = TestPaths.Resolve(modelPath);
        PropertyPath = TestPaths.Resolve(propertyPath);
        TimeoutSeconds = timeoutSeconds;
        SkipOnUnknown = skipOnUnknown;
        Seed = seed ?? new VerificationOptions().Seed;
    }

    /// <summary>Absolute path of the model.</summary>
    public string ModelPath { get; private set; }

    /// <summary>Absolute path of the VNNLIB property.</summary>
    public string PropertyPath { get; private set; }

    /// <summary>Verification budget in seconds.</summary>
    public double TimeoutSeconds { get; private set; }

    /// <summary>When true, an unknown or timed-out verdict skips the test (with the reason) instead of failing it.</summary>
    public bool SkipOnUnknown { get; private set; }

    /// <summary>Seed of the randomised search; the same seed gives the same verdict and counterexample.</summary>
    public int Seed { get; private set; }

    /// <summary>The model's file name without extension, e.g. <c>ACASXU_run2a_2_9_batch_2000</c>.</summary>
    public string ModelName => Path.GetFileNameWithoutExtension(ModelPath);

    /// <summary>The property's file name without extension, e.g. <c>prop_8</c>.</summary>
    public string PropertyName => Path.GetFileNameWithoutExtension(PropertyPath);

    /// <summary>The label shown after the test name: <c>prop_8 on ACASXU_run2a_2_9_batch_2000</c>.</summary>
    public string Label => $"{PropertyName} on {ModelName}";

    internal VerificationOptions Options => new() { Timeout = TimeSpan.FromSeconds(TimeoutSeconds), Seed = Seed };

    public override string ToString() => Label;

    void IXunitSerializable.Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(ModelPath), ModelPath);
        info.AddValue(nameof(PropertyPath), PropertyPath);
        info.AddValue(nameof(TimeoutSeconds), TimeoutSeconds.ToString("R", CultureInfo.InvariantCulture));
        info.AddValue(nameof(SkipOnUnknown), SkipOnUnknown);
        info.AddValue(nameof(Seed), Seed);
    }

    void IXunitSerializable.Deserialize(IXunitSerializationInfo info)
    {
        ModelPath = info.GetValue<string>(nameof(ModelPath)) ?? "";
        PropertyPath = info.GetValue<string>(nameof(PropertyPath)) ?? "";
        TimeoutSeconds = double.Parse(info.GetValue<string>(nameof(TimeoutSeconds)) ?? "60", CultureInfo.InvariantCulture);
        SkipOnUnknown = info.GetValue<bool>(nameof(SkipOnUnknown));
        Seed = info.GetValue<int>(nameof(Seed));
    }
}
