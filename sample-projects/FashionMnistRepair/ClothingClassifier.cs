using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FashionMnistRepair;

/// <summary>Classifies 28x28 grey images (pixels in [0, 1]) with an ONNX model in OnnxRuntime.</summary>
public sealed class ClothingClassifier(string modelPath) : IDisposable
{
    public static readonly string[] Names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private readonly InferenceSession _session = new(modelPath);

    public int Classify(float[] pixels)
    {
        var input = _session.InputMetadata.First().Key;
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(pixels, [1, pixels.Length]))]);
        var scores = results[0].AsEnumerable<float>().ToArray();
        return Array.IndexOf(scores, scores.Max());
    }

    public void Dispose() => _session.Dispose();
}
