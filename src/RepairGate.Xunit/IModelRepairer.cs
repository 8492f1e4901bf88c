using RepairGate.Core.Model;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Xunit;

/// <summary>
/// The repair seam of <see cref="NetworkAssert"/>: given a violated property and its counterexample, return a changed
/// network (or null when none was found). The assertion never trusts it: the repaired network is verified again
/// against the same property, and only then reported as a repair. Adapt RepairGate's repair engines to this interface.
/// </summary>
public interface IModelRepairer
{
    /// <summary>A short name for messages, e.g. "last-layer".</summary>
    string Name { get; }

    /// <summary>Returns a new network (never modify <paramref name="network"/>), or null when no repair was found.</summary>
    Network? Repair(Network network, VnnProperty property, Counterexample counterexample, CancellationToken cancellationToken);
}
