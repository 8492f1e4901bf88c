using RepairGate.Core;
using RepairGate.Core.Model;
using RepairGate.Core.NNet;
using RepairGate.Core.Onnx;

namespace RepairGate.Cli;

/// <summary>Loads a model by its extension.</summary>
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
}
