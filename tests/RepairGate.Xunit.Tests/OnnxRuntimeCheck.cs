using System.Globalization;
using System.Text.RegularExpressions;
using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;

namespace RepairGate.Xunit.Tests;

/// <summary>Re-checks a counterexample printed in a failure message with a fresh OnnxRuntime session of its own.</summary>
internal static partial class OnnxRuntimeCheck
{
    public static float[] InputIn(string message)
    {
        var match = InputLine().Match(message);
        Assert.True(match.Success, "the message has no input line:\n" + message);
        return match.Groups[1].Value.Split(", ").Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }

    public static float[] Run(string modelPath, float[] input)
    {
        using var oracle = OnnxRuntimeOracle.For(OnnxModelLoader.Load(TestPaths.Resolve(modelPath)));
        return oracle.Run(input);
    }

    /// <summary>Asserts that OnnxRuntime maps the message's input into the property's unsafe set.</summary>
    public static void ConfirmsViolation(string message, string modelPath, string propertyPath)
    {
        var input = InputIn(message);
        var output = Run(modelPath, input);
        var property = VnnLibParser.Load(TestPaths.Resolve(propertyPath));
        Assert.True(property.IsCounterexample(input.Select(v => (double)v).ToArray(), output.Select(v => (double)v).ToArray(), out _),
            $"OnnxRuntime does not confirm the counterexample: output [{string.Join(", ", output)}]");
    }

    [GeneratedRegex(@"input:\s+\[([^\]]+)\]")]
    private static partial Regex InputLine();
}
