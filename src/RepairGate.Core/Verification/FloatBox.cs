using RepairGate.Core.Specs;

namespace RepairGate.Core.Verification;

/// <summary>
/// An input box narrowed to float32 values: every point a float32 model can receive inside the VNNLIB box.
/// Counterexamples are searched and reported in it, so that what we report is exactly what the model sees.
/// </summary>
public sealed class FloatBox
{
    public FloatBox(InputBox box)
    {
        Lower = new float[box.Dimension];
        Upper = new float[box.Dimension];
        for (var i = 0; i < box.Dimension; i++)
        {
            Lower[i] = RoundUp(box.Lower[i]);
            Upper[i] = RoundDown(box.Upper[i]);
        }
        IsEmpty = Lower.Zip(Upper).Any(p => p.First > p.Second);
    }

    public float[] Lower { get; }
    public float[] Upper { get; }

    /// <summary>True when some dimension holds no float32 value (a box narrower than one ulp between floats).</summary>
    public bool IsEmpty { get; }

    public int Dimension => Lower.Length;

    /// <summary>The float32 point nearest to <paramref name="x"/> that lies in the box.</summary>
    public float[] Snap(ReadOnlySpan<double> x)
    {
        var result = new float[x.Length];
        for (var i = 0; i < x.Length; i++) result[i] = Math.Clamp((float)x[i], Lower[i], Upper[i]);
        return result;
    }

    /// <summary>The smallest float32 not below <paramref name="value"/>.</summary>
    public static float RoundUp(double value)
    {
        var f = (float)value;
        return f < value ? MathF.BitIncrement(f) : f;
    }

    /// <summary>The largest float32 not above <paramref name="value"/>.</summary>
    public static float RoundDown(double value)
    {
        var f = (float)value;
        return f > value ? MathF.BitDecrement(f) : f;
    }
}
