using RepairGate.Core.Model;
using RepairGate.Core.Repair;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Xunit;

/// <summary>
/// The built-in repairer: RepairGate's verify-repair-reverify loop (last-layer LP, pattern LP, MILP, gradient-guided,
/// escalating), e.g. <c>NetworkAssert.Holds(p, new LoopRepairer())</c>. The assertion verifies the result again.
/// </summary>
/// <param name="engine">An engine name, or "auto" to escalate through all of them.</param>
/// <param name="budget">Budget of the whole loop; default five minutes.</param>
public sealed class LoopRepairer(string engine = "auto", TimeSpan? budget = null) : IModelRepairer
{
    public string Name => engine;

    public Network? Repair(Network network, VnnProperty property, Counterexample counterexample, CancellationToken cancellationToken)
    {
        var options = new RepairOptions { Engine = engine, Budget = budget ?? TimeSpan.FromMinutes(5) };
        var run = new RepairLoop(EngineCatalog.Default).RunAsync(network, [property], [], options, cancellationToken).GetAwaiter().GetResult();
        return run.Outcome == RepairOutcome.Proven ? run.Patched : null;
    }
}
