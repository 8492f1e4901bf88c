namespace RepairGate.Xunit;

/// <summary>Which output a classifier's decision is: the largest score, or (as in ACAS Xu advisories) the smallest.</summary>
public enum Decision
{
    /// <summary>The class is the index of the largest output.</summary>
    ArgMax,

    /// <summary>The class is the index of the smallest output (ACAS Xu: the lowest cost advisory).</summary>
    ArgMin,
}

internal static class DecisionExtensions
{
    /// <summary>The decided class; the first index wins ties.</summary>
    public static int Of(this Decision decision, IReadOnlyList<float> outputs)
    {
        var best = 0;
        for (var i = 1; i < outputs.Count; i++)
        {
            var better = decision == Decision.ArgMax ? outputs[i] > outputs[best] : outputs[i] < outputs[best];
            if (better) best = i;
        }
        return best;
    }
}
