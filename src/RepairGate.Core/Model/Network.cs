namespace RepairGate.Core.Model;

/// <summary>
/// A feed-forward network: a chain of layers from one input tensor to one output tensor.
/// Immutable; repair produces a new network with some layers replaced.
/// </summary>
public sealed class Network
{
    public Network(IReadOnlyList<Layer> layers, NetworkIo io, string sourcePath, object? source = null)
    {
        if (layers.Count == 0) throw new ArgumentException("a network needs at least one layer");
        for (var i = 1; i < layers.Count; i++)
            if (layers[i].InputSize != layers[i - 1].OutputSize)
                throw new ArgumentException($"layer {i} ({layers[i]}) expects {layers[i].InputSize} values but layer {i - 1} gives {layers[i - 1].OutputSize}");
        Layers = layers;
        Io = io;
        SourcePath = sourcePath;
        Source = source;
    }

    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Names and full shapes (with batch dimensions) of the model's input and output.</summary>
    public NetworkIo Io { get; }

    /// <summary>The file the network was loaded from (for messages).</summary>
    public string SourcePath { get; }

    /// <summary>Format-specific original model (e.g. the ONNX ModelProto), kept for preserving export.</summary>
    public object? Source { get; }

    public int InputSize => Layers[0].InputSize;
    public int OutputSize => Layers[^1].OutputSize;

    /// <summary>A network with the same I/O and source whose layer <paramref name="index"/> is replaced.</summary>
    public Network WithLayer(int index, Layer layer)
    {
        var layers = Layers.ToArray();
        layers[index] = layer;
        return new Network(layers, Io, SourcePath, Source);
    }

    public double[] Evaluate(ReadOnlySpan<double> input) => Run(input);

    public float[] Evaluate(ReadOnlySpan<float> input) => Run(input);

    private T[] Run<T>(ReadOnlySpan<T> input)
    {
        if (input.Length != InputSize)
            throw new ArgumentException($"the network takes {InputSize} inputs, got {input.Length}");
        var current = input.ToArray();
        foreach (var layer in Layers)
        {
            var next = new T[layer.OutputSize];
            switch (current, next)
            {
                case (double[] x, double[] y): layer.Forward(x, y); break;
                case (float[] x, float[] y): layer.Forward(x, y); break;
                default: throw new NotSupportedException(typeof(T).Name);
            }
            current = next;
        }
        return current;
    }
}

/// <summary>Name and full shape (including batch dimensions) of the model's single input and output.</summary>
public sealed record NetworkIo(string InputName, int[] InputShape, string OutputName, int[] OutputShape);
