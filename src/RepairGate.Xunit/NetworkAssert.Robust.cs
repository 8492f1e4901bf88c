using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RepairGate.Core.Reports;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;
using Xunit;

namespace RepairGate.Xunit;

public static partial class NetworkAssert
{
    /// <summary>
    /// Passes when every input within <paramref name="epsilon"/> (L∞) of <paramref name="point"/> gets the same class as
    /// the point (or <paramref name="expectedClass"/>), proven by the verifier; fails with a confirmed counterexample
    /// otherwise. Ties count as misclassified. Unknown/timeout fails, or skips when <paramref name="skipOnUnknown"/>.
    /// </summary>
    public static void Robust(string model, double[] point, double epsilon, int? expectedClass = null, Decision decision = Decision.ArgMax,
        double timeoutSeconds = 60, bool skipOnUnknown = false)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (!(epsilon >= 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a finite number >= 0");
        if (!(timeoutSeconds > 0) || double.IsInfinity(timeoutSeconds)) throw new ArgumentOutOfRangeException(nameof(timeoutSeconds), timeoutSeconds, "the timeout must be a positive number of seconds");
        var modelPath = TestPaths.Resolve(model);
        var modelName = Path.GetFileNameWithoutExtension(modelPath);
        var loaded = TestRunCache.Model(modelPath);
        if (point.Length != loaded.InputSize)
            throw new ArgumentException($"the model takes {loaded.InputSize} inputs but the point has {point.Length}", nameof(point));

        var predicted = decision.Of(loaded.Run(point));
        var label = expectedClass ?? predicted;
        var name = $"robust-{Fingerprint(point, epsilon, label)}";
        if (predicted != label)
            throw new NetworkAssertException($"{name} on {modelName}: the point itself is classified {predicted}, not {label}");

        var property = RobustnessProperty(name, point, epsilon, label, loaded.Network.OutputSize, decision);
        var options = new VerificationOptions { Timeout = TimeSpan.FromSeconds(timeoutSeconds) };
        var cancellationToken = TestAttachments.CancellationToken;
        var result = VerificationGate.Run(
            () => Verifier.CreateDefault(options).Verify(loaded.Network, property, loaded.Oracle, options, cancellationToken),
            cancellationToken);

        var resultFile = ResultFiles.PathFor(modelName, name, ".txt");
        var resultText = VnnCompResultFile.Format(result);
        ResultFiles.WriteText(resultFile, resultText, [modelPath]);
        TestAttachments.AddText(Path.GetFileName(resultFile), resultText);

        var summary = $"{modelName} is not shown robust at ε = {epsilon.ToString("G6", CultureInfo.InvariantCulture)} around the point (class {label}, {decision})";
        switch (result.Verdict)
        {
            case Verdict.Unsat:
                return;
            case Verdict.Sat:
                var text = new StringBuilder($"{summary}: {result.Detail}").AppendLine();
                text.AppendLine($"  class at the counterexample: {decision.Of(result.Counterexample!.Output)}");
                text.Append(CounterexampleText.Describe(result.Counterexample!, property));
                text.AppendLine($"  result file: {resultFile}");
                throw new NetworkAssertException(text.ToString());
            default:
                var reason = $"{summary}: {result.Verdict.ToResultWord()} after {result.Elapsed.TotalSeconds:0.00} s: {result.Detail}";
                if (skipOnUnknown) Assert.Skip(reason);
                throw new NetworkAssertException(reason);
        }
    }

    /// <summary>The unsafe set "some other class scores at least as well as <paramref name="label"/>" on the ε-box.</summary>
    internal static VnnProperty RobustnessProperty(string name, double[] point, double epsilon, int label, int outputCount, Decision decision)
    {
        var box = new InputBox(point.Select(v => v - epsilon).ToArray(), point.Select(v => v + epsilon).ToArray());
        var unsafeOutputs = new List<OutputPolytope>();
        for (var other = 0; other < outputCount; other++)
        {
            if (other == label) continue;
            var coefficients = new double[outputCount];
            // ArgMax: Y_label - Y_other <= 0; ArgMin: Y_other - Y_label <= 0.
            coefficients[label] = decision == Decision.ArgMax ? 1 : -1;
            coefficients[other] = -coefficients[label];
            unsafeOutputs.Add(new OutputPolytope([new LinearConstraint(coefficients, 0)]));
        }
        return new VnnProperty(name, point.Length, outputCount, [new PropertyCase(box, unsafeOutputs)]);
    }

    private static string Fingerprint(double[] point, double epsilon, int label)
    {
        var text = string.Join(",", point.Append(epsilon).Append(label).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
    }
}
