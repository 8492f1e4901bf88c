using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RepairGate.Core.Specs;

namespace RepairGate.Cli.Tests;

/// <summary>
/// Checks a VNN-COMP result file without RepairGate's verifier: parse the values, run the model in OnnxRuntime
/// directly, and test the property's input box and unsafe output condition.
/// </summary>
internal static partial class IndependentCheck
{
    public static void AssertCounterexample(string resultFile, string modelPath, string propertyPath)
    {
        var text = File.ReadAllText(resultFile);
        Assert.StartsWith("sat\n", text);
        var values = Entry().Matches(text).ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        var property = VnnLibParser.Load(propertyPath);
        var x = Enumerable.Range(0, property.InputCount).Select(i => values[$"X_{i}"]).ToArray();
        var reportedY = Enumerable.Range(0, property.OutputCount).Select(i => values[$"Y_{i}"]).ToArray();

        using var session = new InferenceSession(modelPath);
        var input = session.InputMetadata.First(m => !IsInitializer(session, m.Key));
        var shape = input.Value.Dimensions.Select(d => d <= 0 ? 1 : d).ToArray();
        var tensor = new DenseTensor<float>(x.Select(v => (float)v).ToArray(), shape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input.Key, tensor)]);
        var y = results[0].AsEnumerable<float>().Select(v => (double)v).ToArray();

        Assert.Equal(reportedY, y);
        Assert.True(property.IsCounterexample(x, y, out _), $"OnnxRuntime's output [{string.Join(", ", y)}] is not unsafe for {propertyPath}");
    }

    // Old-style models list weights as inputs too; those have initializers and are not the data input.
    private static bool IsInitializer(InferenceSession session, string name) =>
        session.OverridableInitializerMetadata.ContainsKey(name);

    [GeneratedRegex(@"\(([XY]_\d+) ([-+0-9.eE]+|NaN)\)")]
    private static partial Regex Entry();
}
