using Google.Protobuf;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx.Proto;

namespace RepairGate.Core.Onnx;

/// <summary>
/// Writes a network back to ONNX by taking the original ModelProto and replacing only the initializers whose values
/// changed (in their own data type and layout). Graph, names, metadata and every untouched byte stay as they were.
/// </summary>
public static class OnnxModelWriter
{
    /// <summary>The model bytes for <paramref name="network"/>, which must have been loaded from ONNX.</summary>
    public static byte[] ToBytes(Network network) => WithCurrentWeights(network, out _).ToByteArray();

    /// <summary>Names of the initializers whose values differ from the original model.</summary>
    public static IReadOnlyList<string> ChangedInitializers(Network network)
    {
        WithCurrentWeights(network, out var changed);
        return changed;
    }

    /// <summary>A copy of the original ModelProto whose initializers hold the network's current parameters.</summary>
    private static ModelProto WithCurrentWeights(Network network, out IReadOnlyList<string> changed)
    {
        var source = network.Source as OnnxSource
            ?? throw new InvalidOperationException($"{network.SourcePath} was not loaded from ONNX; only ONNX models can be written back as ONNX");
        var model = source.Model.Clone();
        var tensors = model.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        changed = BoundParameters(network).Where(p => Replace(tensors, p.Binding, p.Values, source.Path))
            .Select(p => p.Binding.InitializerName).Distinct().ToArray();
        return model;
    }

    /// <summary>
    /// Writes the model atomically (a temporary file in the same folder, then a rename). Refuses to write over the file
    /// the network was loaded from: the input model is never overwritten.
    /// </summary>
    public static async Task SaveAsync(Network network, string path, CancellationToken cancellationToken = default)
    {
        var bytes = ToBytes(network);
        await AtomicFile.WriteAllBytesAsync(path, bytes, protectedPaths: [network.SourcePath], cancellationToken).ConfigureAwait(false);
    }

    public static void Save(Network network, string path) => SaveAsync(network, path).GetAwaiter().GetResult();

    private static IEnumerable<(InitializerBinding Binding, double[] Values)> BoundParameters(Network network)
    {
        foreach (var layer in network.Layers)
        {
            switch (layer)
            {
                case AffineLayer affine:
                    if (affine.WeightSource is { } w) yield return (w, affine.Weights);
                    if (affine.BiasSource is { } b) yield return (b, affine.Bias);
                    break;
                case Conv2dLayer conv:
                    if (conv.WeightSource is { } cw) yield return (cw, conv.Weights);
                    if (conv.BiasSource is { } cb) yield return (cb, conv.Bias);
                    break;
            }
        }
    }

    /// <summary>Replaces the tensor's values when they differ in the tensor's own precision; returns whether it did.</summary>
    private static bool Replace(Dictionary<string, TensorProto> tensors, InitializerBinding binding, double[] irValues, string path)
    {
        var tensor = tensors[binding.InitializerName];
        var original = OnnxTensors.ReadValues(tensor, path);
        var values = ToStored(binding, irValues, original.Length, tensor.Dims);
        var changed = false;
        for (var i = 0; i < values.Length && !changed; i++)
            changed = SameInStoredType(tensor.DataType, values[i], original[i]) is false;
        if (changed) OnnxTensors.WriteValues(tensor, values);
        return changed;
    }

    private static double[] ToStored(InitializerBinding binding, double[] irValues, int storedCount, IList<long> dims)
    {
        if (binding.Broadcast)
        {
            // A broadcast constant (a scalar bias, say) can only take one value for all the entries it feeds.
            var first = irValues[0];
            if (storedCount != 1 || irValues.Any(v => v != first))
                throw new InvalidOperationException($"initializer '{binding.InitializerName}' is broadcast, so its entries cannot change independently");
            return [first / binding.Scale];
        }
        if (irValues.Length != storedCount)
            throw new InvalidOperationException($"initializer '{binding.InitializerName}' holds {storedCount} values, the layer {irValues.Length}");
        var stored = new double[storedCount];
        if (binding.Transposed)
        {
            // Stored [in, out]; the IR keeps [out, in].
            int inputs = (int)dims[0], outputs = (int)dims[1];
            for (var i = 0; i < inputs; i++)
            for (var o = 0; o < outputs; o++)
                stored[i * outputs + o] = irValues[o * inputs + i] / binding.Scale;
        }
        else
        {
            for (var k = 0; k < storedCount; k++) stored[k] = irValues[k] / binding.Scale;
        }
        return stored;
    }

    private static bool SameInStoredType(int dataType, double a, double b) =>
        (TensorProto.Types.DataType)dataType switch
        {
            TensorProto.Types.DataType.Float => (float)a == (float)b,
            TensorProto.Types.DataType.Float16 => (Half)a == (Half)b,
            _ => a == b,
        };
}
