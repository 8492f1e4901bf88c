using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RepairGate.Core.Model;

namespace RepairGate.Core.Onnx;

/// <summary>
/// Runs a model in Microsoft's OnnxRuntime: the independent oracle that confirms every counterexample and every
/// patched model, so RepairGate's own evaluator is never the only judge of its own verdicts.
/// Thread-safe: OnnxRuntime sessions allow concurrent Run calls.
/// </summary>
public sealed class OnnxRuntimeOracle : Verification.IModelOracle, IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly int[] _inputShape;
    private readonly string _outputName;
    private readonly bool _batchable;

    private OnnxRuntimeOracle(InferenceSession session, NetworkIo io)
    {
        _session = session;
        _inputName = io.InputName;
        _inputShape = io.InputShape;
        _outputName = io.OutputName;
        // A free first dimension (-1 in the model's metadata) takes a whole batch in one Run call.
        _batchable = session.InputMetadata.TryGetValue(_inputName, out var input) && input.Dimensions is [-1, ..]
            && session.OutputMetadata.TryGetValue(_outputName, out var output) && output.Dimensions is [-1, ..];
    }

    /// <summary>Largest batch <see cref="RunBatch"/> sends in one call.</summary>
    public const int MaxBatch = 256;

    /// <summary>Opens the model bytes with the input/output names and shapes of <paramref name="io"/>.</summary>
    public static OnnxRuntimeOracle Create(byte[] model, NetworkIo io)
    {
        using var options = new SessionOptions
        {
            // One thread per session: callers parallelise across samples, and results stay reproducible.
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
        };
        try
        {
            return new OnnxRuntimeOracle(new InferenceSession(model, options), io);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidOperationException($"OnnxRuntime cannot load the model: {e.Message}", e);
        }
    }

    /// <summary>
    /// The oracle for <paramref name="network"/> with its current weights: its own ONNX model when it was loaded from
    /// ONNX, otherwise (e.g. NNet) the equivalent ONNX graph RepairGate builds.
    /// </summary>
    public static OnnxRuntimeOracle For(Network network) => network.Source is OnnxSource
        ? Create(OnnxModelWriter.ToBytes(network), network.Io)
        : Create(OnnxNetworkExporter.ToBytes(network), OnnxNetworkExporter.IoOf(network));

    /// <summary>Evaluates one sample (flat, row-major) in float32.</summary>
    public float[] Run(ReadOnlySpan<float> input)
    {
        var tensor = new DenseTensor<float>(input.ToArray(), _inputShape);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)], [_outputName]);
        return results[0].AsEnumerable<float>().ToArray();
    }

    /// <summary>
    /// Evaluates <paramref name="count"/> samples from <paramref name="first"/> in float32: in batches of up to
    /// <see cref="MaxBatch"/> when the model's batch dimension is free, else one call per sample.
    /// </summary>
    public float[][] RunBatch(IReadOnlyList<double[]> inputs, int first, int count)
    {
        var outputs = new float[count][];
        if (!_batchable)
        {
            var x = new float[inputs.Count == 0 ? 0 : inputs[first].Length];
            for (var k = 0; k < count; k++)
            {
                var source = inputs[first + k];
                for (var i = 0; i < x.Length; i++) x[i] = (float)source[i];
                outputs[k] = Run(x);
            }
            return outputs;
        }
        for (var start = 0; start < count; start += MaxBatch)
        {
            var n = Math.Min(MaxBatch, count - start);
            var size = inputs[first].Length;
            var data = new float[n * size];
            for (var k = 0; k < n; k++)
            {
                var source = inputs[first + start + k];
                for (var i = 0; i < size; i++) data[k * size + i] = (float)source[i];
            }
            var tensor = new DenseTensor<float>(data, [n, .. _inputShape.Skip(1)]);
            using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)], [_outputName]);
            var flat = results[0].AsEnumerable<float>().ToArray();
            var width = flat.Length / n;
            for (var k = 0; k < n; k++) outputs[start + k] = flat.AsSpan(k * width, width).ToArray();
        }
        return outputs;
    }

    public void Dispose() => _session.Dispose();
}
