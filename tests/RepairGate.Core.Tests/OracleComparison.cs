using RepairGate.Core.Model;
using RepairGate.Core.Onnx;

namespace RepairGate.Core.Tests;

/// <summary>Compares RepairGate's evaluator with OnnxRuntime on random inputs.</summary>
internal static class OracleComparison
{
    /// <summary>
    /// Largest difference to OnnxRuntime over outputs and samples, for both float64 and float32 evaluation, scaled by
    /// max(1, |y|): OnnxRuntime computes in float32, so an output of magnitude 100 carries ~1e-5 of its own rounding.
    /// </summary>
    public static double MaxDifference(Network network, OnnxRuntimeOracle oracle, int samples, int seed, double low, double high)
    {
        var random = new Random(seed);
        var worst = 0.0;
        for (var s = 0; s < samples; s++)
        {
            var x = new float[network.InputSize];
            for (var i = 0; i < x.Length; i++) x[i] = (float)(low + (high - low) * random.NextDouble());
            var expected = oracle.Run(x);
            var single = network.Evaluate(x);
            var precise = network.Evaluate(x.Select(v => (double)v).ToArray());
            for (var o = 0; o < expected.Length; o++)
            {
                var scale = Math.Max(1.0, Math.Abs(expected[o]));
                worst = Math.Max(worst, Math.Max(Math.Abs(single[o] - expected[o]), Math.Abs(precise[o] - expected[o])) / scale);
            }
        }
        return worst;
    }
}
