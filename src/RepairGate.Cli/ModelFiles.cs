using RepairGate.Core;
using RepairGate.Core.Model;
using RepairGate.Core.NNet;
using RepairGate.Core.Onnx;

namespace RepairGate.Cli;

/// <summary>Loads a model by its extension and opens the OnnxRuntime oracle for it.</summary>
internal static class ModelFiles
{
    public static async Task<Network> LoadAsync(string path, CancellationToken cancellationToken)
    {
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".onnx" => await OnnxModelLoader.LoadAsync(path, cancellationToken),
            ".nnet" => await NNetReader.LoadAsync(path, cancellationToken),
            _ => throw new BadInputException("unknown model format; expected a .onnx or .nnet file", path),
        };
    }

    /// <summary>OnnxRuntime on the model's ONNX form (for NNet models, the equivalent ONNX graph RepairGate builds).</summary>
    public static OnnxRuntimeOracle OpenOracle(Network network) =>
        network.Source is OnnxSource ? OnnxRuntimeOracle.For(network) : OnnxRuntimeOracle.Create(OnnxNetworkExporter.ToBytes(network), OnnxNetworkExporter.IoOf(network));
}
