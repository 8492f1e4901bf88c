using System.Runtime.CompilerServices;
using RepairGate.Core.Verification;
using Xunit;
using Xunit.v3;

namespace RepairGate.Xunit;

/// <summary>
/// A test of one model/property pair; the method takes the <see cref="NetworkProperty"/>:
/// <code>
/// [VnnLibFact("models/acas_2_9.onnx", "specs/prop_8.vnnlib", Timeout = 10)]
/// public void Prop8(NetworkProperty p) => NetworkAssert.Holds(p);
/// </code>
/// Shown as <c>Method [prop_8 on acas_2_9]</c>. Relative paths start at the test output folder. The other options of
/// <see cref="FactAttribute"/> (Skip, Explicit, DisplayName) apply as usual.
/// </summary>
[XunitTestCaseDiscoverer(typeof(VnnLibFactDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class VnnLibFactAttribute(
    string model,
    string property,
    [CallerFilePath] string? sourceFilePath = null,
    [CallerLineNumber] int sourceLineNumber = -1) : FactAttribute(sourceFilePath, sourceLineNumber)
{
    /// <summary>The model file (.onnx or .nnet).</summary>
    public string Model { get; } = model;

    /// <summary>The VNNLIB file.</summary>
    public string Property { get; } = property;

    /// <summary>Verification budget in seconds (default 60). Replaces xUnit's test timeout, which this test does not use.</summary>
    public new double Timeout { get; set; } = 60;

    /// <summary>Skip (instead of fail) when the verdict is unknown or timeout, with the reason.</summary>
    public bool SkipOnUnknown { get; set; }

    /// <summary>Seed of the randomised search.</summary>
    public int Seed { get; set; } = new VerificationOptions().Seed;

    /// <summary>The argument passed to the test method; throws <see cref="Core.BadInputException"/> for a missing file.</summary>
    public NetworkProperty GetProperty()
    {
        var model = TestPaths.Expand(Model);
        var property = TestPaths.Expand(Property);
        if (model.Count != 1 || property.Count != 1)
            throw new ArgumentException($"[VnnLibFact] needs exactly one model and one property, but '{Model}' matches {model.Count} and '{Property}' matches {property.Count}; use [Theory, VnnLibData] for several");
        return new NetworkProperty(model[0], property[0], Timeout, SkipOnUnknown, Seed);
    }
}
