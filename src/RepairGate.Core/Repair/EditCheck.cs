using RepairGate.Core.Model;

namespace RepairGate.Core.Repair;

/// <summary>Checks a candidate network on the edit points by evaluating it (float64 and float32), never by trusting a solver.</summary>
public static class EditCheck
{
    /// <summary>Origins of the edit points whose outputs are not strictly outside every unsafe polytope, in either precision.</summary>
    public static IReadOnlyList<string> Failing(Network network, IEnumerable<RepairPoint> edits)
    {
        var failing = new List<string>();
        foreach (var point in edits)
        {
            var y64 = network.Evaluate(point.Input);
            var y32 = network.Evaluate(point.Input.Select(v => (float)v).ToArray()).Select(v => (double)v).ToArray();
            if (!(EditTarget.Clearance(point, y64) > 0 && EditTarget.Clearance(point, y32) > 0)) failing.Add(point.Origin);
        }
        return failing;
    }
}
