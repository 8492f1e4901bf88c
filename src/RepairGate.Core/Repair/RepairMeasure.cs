using RepairGate.Core.Model;

namespace RepairGate.Core.Repair;

/// <summary>Computes fidelity and weight-change metrics of a patched network against its original.</summary>
public static class RepairMeasure
{
    public static Fidelity Compare(Network original, Network patched, IReadOnlyList<double[]> inputs)
    {
        if (inputs.Count == 0) return new Fidelity(0, 1, 1, 0, 0);
        int sameMax = 0, sameMin = 0;
        double sum = 0, max = 0;
        var lockObject = new object();
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, inputs.Count, 2048), range =>
        {
            int localMax = 0, localMin = 0;
            double localSum = 0, localWorst = 0;
            for (var k = range.Item1; k < range.Item2; k++)
            {
                var a = original.Evaluate(inputs[k]);
                var b = patched.Evaluate(inputs[k]);
                if (ArgMax(a) == ArgMax(b)) localMax++;
                if (ArgMin(a) == ArgMin(b)) localMin++;
                var change = a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
                localSum += change;
                localWorst = Math.Max(localWorst, change);
            }
            lock (lockObject)
            {
                sameMax += localMax;
                sameMin += localMin;
                sum += localSum;
                max = Math.Max(max, localWorst);
            }
        });
        return new Fidelity(inputs.Count, (double)sameMax / inputs.Count, (double)sameMin / inputs.Count, sum / inputs.Count, max);
    }

    public static WeightChange Change(Network original, Network patched)
    {
        double linf = 0, l1 = 0;
        var touched = 0;
        var layers = new List<string>();
        for (var l = 0; l < original.Layers.Count; l++)
        {
            var (before, after) = (Parameters(original.Layers[l]), Parameters(patched.Layers[l]));
            if (before is null || after is null) continue;
            var changedHere = false;
            for (var k = 0; k < before.Length; k++)
            {
                var d = Math.Abs(after[k] - before[k]);
                if ((float)after[k] == (float)before[k]) continue;
                changedHere = true;
                touched++;
                linf = Math.Max(linf, d);
                l1 += d;
            }
            if (changedHere) layers.Add($"{l}: {original.Layers[l].Name}");
        }
        return new WeightChange(linf, l1, touched, layers);
    }

    private static double[]? Parameters(Layer layer) => layer switch
    {
        AffineLayer a => [.. a.Weights, .. a.Bias],
        Conv2dLayer c => [.. c.Weights, .. c.Bias],
        _ => null,
    };

    /// <summary>The first index of the largest output.</summary>
    internal static int ArgMax(double[] y)
    {
        var best = 0;
        for (var j = 1; j < y.Length; j++) if (y[j] > y[best]) best = j;
        return best;
    }

    private static int ArgMin(double[] y)
    {
        var best = 0;
        for (var j = 1; j < y.Length; j++) if (y[j] < y[best]) best = j;
        return best;
    }
}
