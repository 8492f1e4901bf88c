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

    private OnnxRuntimeOracle(InferenceSession session, NetworkIo io)
    {
        _session = session;
        _inputName = io.InputName;
        _inputShape = io.InputShape;
        _outputName = io.OutputName;
    }

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

    public void Dispose() => _session.Dispose();
}
