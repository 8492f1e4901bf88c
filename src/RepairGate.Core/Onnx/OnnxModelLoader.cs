using Google.Protobuf;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx.Proto;

namespace RepairGate.Core.Onnx;

/// <summary>Reads an ONNX file into the network IR. Supports feed-forward chains of the operators in <see cref="OnnxGraphConverter"/>.</summary>
public static class OnnxModelLoader
{
    public static Network Load(string path) => FromBytes(ReadFile(path), path);

    public static async Task<Network> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        EnsureExists(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return FromBytes(bytes, path);
    }

    /// <summary>Parses model bytes; <paramref name="path"/> is used in messages and kept as the source path.</summary>
    public static Network FromBytes(byte[] bytes, string path)
    {
        var model = ParseModel(bytes, path);
        return new OnnxGraphConverter(model, path).Convert();
    }

    internal static ModelProto ParseModel(byte[] bytes, string path)
    {
        if (bytes.Length == 0) throw new BadInputException("the file is empty, not an ONNX model", path);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new BadInputException($"not a valid ONNX model (the file is truncated or not protobuf): {e.Message}", path, inner: e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0)
            throw new BadInputException("not a valid ONNX model: it has no graph nodes", path);
        return model;
    }

    private static byte[] ReadFile(string path)
    {
        EnsureExists(path);
        return File.ReadAllBytes(path);
    }

    internal static void EnsureExists(string path)
    {
        if (!File.Exists(path)) throw new BadInputException("file not found", path);
    }
}
