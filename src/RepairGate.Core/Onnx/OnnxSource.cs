using RepairGate.Core.Model;
using RepairGate.Core.Onnx.Proto;

namespace RepairGate.Core.Onnx;

/// <summary>
/// The original ONNX model behind a <see cref="Network"/>: the parsed ModelProto and the parameters as imported,
/// so that export can replace exactly the initializers whose values changed.
/// </summary>
public sealed class OnnxSource
{
    internal OnnxSource(ModelProto model, string path)
    {
        Model = model;
        Path = path;
    }

    internal ModelProto Model { get; }

    /// <summary>The file the model was read from.</summary>
    public string Path { get; }

    /// <summary>Names of the initializers in graph order.</summary>
    public IReadOnlyList<string> InitializerNames => Model.Graph.Initializer.Select(t => t.Name).ToArray();

    /// <summary>Opset of the default ONNX domain.</summary>
    public long OpsetVersion => Model.OpsetImport.Where(o => string.IsNullOrEmpty(o.Domain)).Select(o => o.Version).DefaultIfEmpty(0).First();
}
