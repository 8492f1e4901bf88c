using System.Runtime.CompilerServices;
using RepairGate.Core.Verification;
using Xunit.v3;

namespace RepairGate.Xunit;

/// <summary>
/// A test of one model/property pair; the method takes the <see cref="NetworkProperty"/>:
/// <code>
/// [VnnLibFact("models/acas_2_9.onnx", "specs/prop_8.vnnlib", Timeout = 10)]
/// public void Prop8(NetworkProperty p) => NetworkAssert.Holds(p);
/// </code>
/// Shown as <c>Method [prop_8 on acas_2_9]</c>. Relative paths start at the test output folder.
/// </summary>
/// <remarks>
/// Not derived from <c>FactAttribute</c>: its <c>Timeout</c> is xUnit's test timeout in milliseconds, while here
/// <see cref="Timeout"/> is the verification budget in seconds, as in <see cref="VnnLibDataAttribute"/>.
/// </remarks>
[XunitTestCaseDiscoverer(typeof(VnnLibFactDiscoverer))]
[IgnoreXunitAnalyzersRule1013]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class VnnLibFactAttribute(
    string model,
    string property,
    [CallerFilePath] string? sourceFilePath = null,
    [CallerLineNumber] int sourceLineNumber = -1) : Attribute, IFactAttribute
{
    /// <summary>The model file (.onnx or .nnet).</summary>
    public string Model { get; } = model;

    /// <summary>The VNNLIB file.</summary>
    public string Property { get; } = property;

    /// <summary>Verification budget in seconds (default 60). Not an xUnit test timeout.</summary>
    public double Timeout { get; set; } = 60;

    /// <summary>Skip (instead of fail) when the verdict is unknown or timeout, with the reason.</summary>
    public bool SkipOnUnknown { get; set; }

    /// <summary>Seed of the randomised search.</summary>
    public int Seed { get; set; } = new VerificationOptions().Seed;

    /// <summary>Replaces the method part of the display name (the label <c>[prop on model]</c> is still appended).</summary>
    public string? DisplayName { get; set; }

    /// <summary>Skip the test with this reason.</summary>
    public string? Skip { get; set; }

    /// <summary>Run only when explicit tests are requested (e.g. known violations kept out of the default run).</summary>
    public bool Explicit { get; set; }

    /// <summary>The argument passed to the test method; throws <see cref="Core.BadInputException"/> for a missing file.</summary>
    public NetworkProperty GetProperty()
    {
        var model = TestPaths.Expand(Model);
        var property = TestPaths.Expand(Property);
        if (model.Count != 1 || property.Count != 1)
            throw new ArgumentException($"[VnnLibFact] needs exactly one model and one property, but '{Model}' matches {model.Count} and '{Property}' matches {property.Count}; use [Theory, VnnLibData] for several");
        return new NetworkProperty(model[0], property[0], Timeout, SkipOnUnknown, Seed);
    }

    bool IFactAttribute.DisableParallelization => false;
    string? IFactAttribute.DisplayName => DisplayName;
    bool IFactAttribute.Explicit => Explicit;
    string? IFactAttribute.Skip => Skip;
    Type[]? IFactAttribute.SkipExceptions => null;
    Type? IFactAttribute.SkipType => null;
    string? IFactAttribute.SkipUnless => null;
    string? IFactAttribute.SkipWhen => null;
    string? IFactAttribute.SourceFilePath => sourceFilePath;
    int? IFactAttribute.SourceLineNumber => sourceLineNumber < 1 ? null : sourceLineNumber;
    int IFactAttribute.Timeout => 0;
}

/// <summary>
/// Tells xUnit's analyzers (rule xUnit1013, "public method should be marked as test") that the attribute it decorates
/// marks test methods; the analyzers recognise it by this name.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class IgnoreXunitAnalyzersRule1013Attribute : Attribute;
