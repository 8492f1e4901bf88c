namespace RepairGate.Core.EditSets;

/// <summary>
/// The four corruptions of <see cref="Corruption"/>, applied to one input in model units. Amounts are relative to the
/// input domain [min, max] (for images in [0, 1] exactly as documented on <see cref="Corruption"/>), results are clipped
/// to it, and every random draw comes from the given generator, so a seed per row makes them reproducible.
/// </summary>
public static class ImageCorruptions
{
    public static double[] Apply(Corruption corruption, double severity, double[] input, ImageShape? shape, ValueRange domain, Random random)
    {
        var span = domain.Max - domain.Min;
        var output = corruption switch
        {
            Corruption.Noise => input.Select(v => v + severity * span * Gaussian(random)).ToArray(),
            Corruption.Brightness => input.Select(v => v + severity * span).ToArray(),
            Corruption.Blur => Blur(input, Require(shape, corruption, input), (int)Math.Ceiling(severity * 3)),
            Corruption.Fog => Fog(input, Require(shape, corruption, input), severity, domain, random),
            _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
        };
        for (var i = 0; i < output.Length; i++) output[i] = domain.Clip(output[i]);
        return output;
    }

    /// <summary>True for corruptions that need the image's height and width.</summary>
    public static bool NeedsShape(Corruption corruption) => corruption is Corruption.Blur or Corruption.Fog;

    private static ImageShape Require(ImageShape? shape, Corruption corruption, double[] input)
    {
        if (shape is null)
            throw new BadInputException($"the {corruption.ToString().ToLowerInvariant()} corruption needs the image shape (channels x height x width); the data and the model do not give it");
        if (shape.Size != input.Length)
            throw new BadInputException($"the image shape {shape} has {shape.Size} values but the inputs have {input.Length}");
        return shape;
    }

    /// <summary>Box blur: each pixel the mean of the (2r+1)² window around it in its channel, the window cut at the border.</summary>
    private static double[] Blur(double[] input, ImageShape shape, int radius)
    {
        var output = new double[input.Length];
        int h = shape.Height, w = shape.Width;
        for (var c = 0; c < shape.Channels; c++)
        {
            var plane = c * h * w;
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                {
                    double sum = 0;
                    var n = 0;
                    for (var yy = Math.Max(0, y - radius); yy <= Math.Min(h - 1, y + radius); yy++)
                        for (var xx = Math.Max(0, x - radius); xx <= Math.Min(w - 1, x + radius); xx++)
                        {
                            sum += input[plane + yy * w + xx];
                            n++;
                        }
                    output[plane + y * w + x] = sum / n;
                }
        }
        return output;
    }

    /// <summary>x·(1 - s) + haze·s with a smooth haze: two octaves of bilinearly interpolated random grids, in the bright upper part of the domain.</summary>
    private static double[] Fog(double[] input, ImageShape shape, double severity, ValueRange domain, Random random)
    {
        int h = shape.Height, w = shape.Width;
        var coarse = Grid(random, 4);
        var fine = Grid(random, 8);
        var output = new double[input.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                double u = h == 1 ? 0 : (double)y / (h - 1), v = w == 1 ? 0 : (double)x / (w - 1);
                var field = (2 * Sample(coarse, u, v) + Sample(fine, u, v)) / 3; // in [0, 1]
                var haze = domain.Min + (domain.Max - domain.Min) * (0.5 + 0.5 * field);
                for (var c = 0; c < shape.Channels; c++)
                {
                    var i = c * h * w + y * w + x;
                    output[i] = input[i] * (1 - severity) + haze * severity;
                }
            }
        return output;
    }

    private static double[,] Grid(Random random, int cells)
    {
        var grid = new double[cells + 1, cells + 1];
        for (var i = 0; i <= cells; i++)
            for (var j = 0; j <= cells; j++) grid[i, j] = random.NextDouble();
        return grid;
    }

    private static double Sample(double[,] grid, double u, double v)
    {
        var cells = grid.GetLength(0) - 1;
        double gy = u * cells, gx = v * cells;
        int y0 = Math.Min((int)gy, cells - 1), x0 = Math.Min((int)gx, cells - 1);
        double fy = gy - y0, fx = gx - x0;
        return grid[y0, x0] * (1 - fy) * (1 - fx) + grid[y0 + 1, x0] * fy * (1 - fx) + grid[y0, x0 + 1] * (1 - fy) * fx + grid[y0 + 1, x0 + 1] * fy * fx;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
