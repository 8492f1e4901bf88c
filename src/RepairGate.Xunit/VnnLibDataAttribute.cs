using System.Reflection;
using RepairGate.Core.Verification;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace RepairGate.Xunit;

/// <summary>
/// Theory data: one <see cref="NetworkProperty"/> row per model file and property file matching the patterns
/// (<c>*</c>, <c>?</c> and <c>**</c> allowed), shown as <c>Method [prop_3 on ACASXU_run2a_1_1_batch_2000]</c>.
/// <code>
/// [Theory, VnnLibData("models/acas_1_1.onnx", "specs/prop_*.vnnlib", Timeout = 30)]
/// public void Advisory_is_safe(NetworkProperty p) => NetworkAssert.Holds(p);
/// </code>
/// Relative paths start at the test output folder (see <see cref="TestPaths"/>).
/// </summary>
/// <param name="model">The model file or pattern (.onnx or .nnet).</param>
/// <param name="properties">The VNNLIB file or pattern.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class VnnLibDataAttribute(string model, string properties) : Attribute, IDataAttribute
{
    /// <summary>The model file or pattern.</summary>
    public string Model { get; } = model;

    /// <summary>The VNNLIB file or pattern.</summary>
    public string Properties { get; } = properties;

    /// <summary>Verification budget per property, in seconds (default 60). Not an xUnit test timeout.</summary>
    public double Timeout { get; set; } = 60;

    /// <summary>Skip (instead of fail) a row whose verdict is unknown or timeout, with the reason.</summary>
    public bool SkipOnUnknown { get; set; }

    /// <summary>Seed of the randomised search.</summary>
    public int Seed { get; set; } = new VerificationOptions().Seed;

    /// <summary>Skip every row with this reason.</summary>
    public string? Skip { get; set; }

    /// <summary>Run the rows only when explicit tests are requested (e.g. known violations kept out of the default run).</summary>
    public bool Explicit { get; set; }

    /// <summary>Traits for every row, as alternating names and values: <c>["Category", "Violated"]</c>.</summary>
    public string[]? Traits { get; set; }

    /// <summary>The rows, models outer and properties inner, each in ordinal path order.</summary>
    public IReadOnlyList<NetworkProperty> GetProperties() =>
        [.. from modelPath in TestPaths.Expand(Model)
            from propertyPath in TestPaths.Expand(Properties)
            select new NetworkProperty(modelPath, propertyPath, Timeout, SkipOnUnknown, Seed)];

    ValueTask<IReadOnlyCollection<ITheoryDataRow>> IDataAttribute.GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        var rows = GetProperties().Select(ToRow).ToList();
        return new(rows);
    }

    // xUnit takes Explicit, Skip and traits from each row (falling back to the test method, not to this attribute).
    private ITheoryDataRow ToRow(NetworkProperty property)
    {
        var row = new TheoryDataRow<NetworkProperty>(property) { Label = property.Label, Skip = Skip, Explicit = Explicit ? true : null };
        var traits = Traits ?? [];
        for (var i = 0; i + 1 < traits.Length; i += 2) row.WithTrait(traits[i], traits[i + 1]);
        return row;
    }

    // Expanding the patterns is cheap and deterministic, so every row is listed at discovery.
    bool IDataAttribute.SupportsDiscoveryEnumeration() => true;

    bool IDataAttribute.DisableParallelization => false;
    bool? IDataAttribute.Explicit => Explicit ? true : null;
    string? IDataAttribute.Label => null;
    string? IDataAttribute.Skip => Skip;
    Type? IDataAttribute.SkipType => null;
    string? IDataAttribute.SkipUnless => null;
    string? IDataAttribute.SkipWhen => null;
    string? IDataAttribute.TestDisplayName => null;
    int? IDataAttribute.Timeout => null;
    string[]? IDataAttribute.Traits => Traits;
}
