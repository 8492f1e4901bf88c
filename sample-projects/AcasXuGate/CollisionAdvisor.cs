using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AcasXuGate;

/// <summary>Runs an ACAS Xu network with OnnxRuntime; the advisory is the output with the lowest score.</summary>
public sealed class CollisionAdvisor(string modelPath) : IDisposable
{
    private static readonly string[] Advisories = ["clear of conflict", "weak left", "weak right", "strong left", "strong right"];
    private readonly InferenceSession _session = new(modelPath);

    public string Advise(Encounter encounter)
    {
        // The ACAS Xu graphs also list their weights as inputs; the real input is the one without an initializer.
        var input = _session.InputMetadata.First(m => m.Value.Dimensions.Length == 4 || m.Value.Dimensions.Aggregate(1, (a, d) => a * Math.Max(d, 1)) == 5);
        var tensor = new DenseTensor<float>(encounter.Input, [1, 1, 1, 5]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(input.Key, tensor)]);
        var scores = results[0].AsEnumerable<float>().ToArray();
        var best = Array.IndexOf(scores, scores.Min());
        return $"{Advisories[best]} (scores {string.Join(", ", scores.Select(s => s.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))})";
    }

    public void Dispose() => _session.Dispose();
}
