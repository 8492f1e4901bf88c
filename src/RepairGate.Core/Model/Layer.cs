namespace RepairGate.Core.Model;

/// <summary>
/// One step of a feed-forward network acting on a flat (row-major, batch-free) vector.
/// Shapes are kept so that convolution and pooling know their geometry; reshapes are free on flat data.
/// </summary>
public abstract class Layer
{
    protected Layer(int[] inputShape, int[] outputShape, string name)
    {
        InputShape = inputShape;
        OutputShape = outputShape;
        Name = name;
    }

    /// <summary>Shape of one input sample, without the batch dimension.</summary>
    public int[] InputShape { get; }

    /// <summary>Shape of one output sample, without the batch dimension.</summary>
    public int[] OutputShape { get; }

    /// <summary>Names of the ONNX node(s) or NNet layer this layer came from, for messages.</summary>
    public string Name { get; }

    public int InputSize => ShapeSize(InputShape);
    public int OutputSize => ShapeSize(OutputShape);

    /// <summary>A short description such as "Affine 50x50" for reports and errors.</summary>
    public abstract string Kind { get; }

    /// <summary>Evaluates the layer in float64.</summary>
    public abstract void Forward(ReadOnlySpan<double> input, Span<double> output);

    /// <summary>Evaluates the layer in float32, mirroring what a float32 runtime computes.</summary>
    public abstract void Forward(ReadOnlySpan<float> input, Span<float> output);

    public static int ShapeSize(IReadOnlyList<int> shape)
    {
        var size = 1;
        foreach (var d in shape) size = checked(size * d);
        return size;
    }

    public override string ToString() => $"{Kind} [{string.Join(",", InputShape)}]->[{string.Join(",", OutputShape)}] ({Name})";
}
