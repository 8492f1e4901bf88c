using Xunit.Sdk;
using Xunit.v3;

namespace RepairGate.Xunit;

/// <summary>Turns a <see cref="VnnLibFactAttribute"/> into one test case whose argument is the model/property pair.</summary>
public sealed class VnnLibFactDiscoverer : IXunitTestCaseDiscoverer
{
    public ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute)
    {
        var attribute = (VnnLibFactAttribute)factAttribute;
        var parameters = testMethod.Parameters;
        if (parameters.Count != 1 || parameters.First().ParameterType != typeof(NetworkProperty))
            return Error(discoveryOptions, testMethod, factAttribute, "[VnnLibFact] methods take exactly one parameter, of type NetworkProperty");

        NetworkProperty property;
        try
        {
            property = attribute.GetProperty();
        }
        catch (Exception e) when (e is Core.BadInputException or ArgumentException)
        {
            return Error(discoveryOptions, testMethod, factAttribute, $"[VnnLibFact]: {e.Message}");
        }

        var details = TestIntrospectionHelper.GetTestCaseDetails(discoveryOptions, testMethod, factAttribute, [property], label: property.Label);
        var traits = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in testMethod.Traits)
            traits[name] = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);

        IXunitTestCase testCase = new XunitTestCase(
            details.ResolvedTestMethod,
            details.TestCaseDisplayName,
            details.UniqueID,
            details.Explicit,
            details.SkipExceptions,
            details.SkipReason,
            details.SkipType,
            details.SkipUnless,
            details.SkipWhen,
            traits,
            [property],
            details.SourceFilePath,
            details.SourceLineNumber,
            details.Timeout);
        return new([testCase]);
    }

    private static ValueTask<IReadOnlyCollection<IXunitTestCase>> Error(ITestFrameworkDiscoveryOptions options, IXunitTestMethod testMethod, IFactAttribute attribute, string message)
    {
        var details = TestIntrospectionHelper.GetTestCaseDetails(options, testMethod, attribute);
        IXunitTestCase testCase = new ExecutionErrorTestCase(details.ResolvedTestMethod, details.TestCaseDisplayName, details.UniqueID, details.SourceFilePath, details.SourceLineNumber, message);
        return new([testCase]);
    }
}
