using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Repair;

/// <summary>Seeded uniform float32 samples of an input domain, for preserve and test sets.</summary>
public static class DomainSampler
{
    /// <summary>The smallest box containing every input box of the properties.</summary>
    public static InputBox BoundingBox(IEnumerable<VnnProperty> properties)
    {
        var boxes = properties.SelectMany(p => p.Cases).Select(c => c.Input).ToList();
        if (boxes.Count == 0) throw new ArgumentException("no input boxes to bound");
        var n = boxes[0].Dimension;
        return new InputBox(
            Enumerable.Range(0, n).Select(i => boxes.Min(b => b.Lower[i])).ToArray(),
            Enumerable.Range(0, n).Select(i => boxes.Max(b => b.Upper[i])).ToArray());
    }

    /// <summary><paramref name="count"/> points, taken from the boxes in turn and uniform inside each.</summary>
    public static IReadOnlyList<double[]> Sample(IReadOnlyList<InputBox> boxes, int count, int seed)
    {
        var random = new Random(seed);
        var floatBoxes = boxes.Select(b => new FloatBox(b)).Where(b => !b.IsEmpty).ToArray();
        if (floatBoxes.Length == 0 || count <= 0) return [];
        var points = new double[count][];
        for (var k = 0; k < count; k++)
        {
            var box = floatBoxes[k % floatBoxes.Length];
            var x = new double[box.Dimension];
            for (var i = 0; i < x.Length; i++)
                x[i] = Math.Clamp((float)(box.Lower[i] + (box.Upper[i] - (double)box.Lower[i]) * random.NextDouble()), box.Lower[i], box.Upper[i]);
            points[k] = x;
        }
        return points;
    }
}
