using RepairGate.Core.Onnx.Proto;

namespace RepairGate.Core.Onnx;

/// <summary>Typed access to a node's attributes with ONNX defaults.</summary>
internal sealed class OnnxAttributes(NodeProto node)
{
    private AttributeProto? Find(string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    public long Int(string name, long fallback) => Find(name) is { } a ? a.I : fallback;
    public float Float(string name, float fallback) => Find(name) is { } a ? a.F : fallback;
    public string String(string name, string fallback) => Find(name) is { } a ? a.S.ToStringUtf8() : fallback;
    public int[]? Ints(string name) => Find(name) is { } a ? a.Ints.Select(v => checked((int)v)).ToArray() : null;
    public TensorProto? Tensor(string name) => Find(name)?.T;
    public bool Has(string name) => Find(name) is not null;
}
