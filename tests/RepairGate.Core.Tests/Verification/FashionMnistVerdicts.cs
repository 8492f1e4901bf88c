using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;

namespace RepairGate.Core.Tests.Verification;

/// <summary>
/// How tests/data/fmnist/verdicts.csv was established without the ReLU-splitting prover: unsat by an exact MILP of
/// the whole property with interval-arithmetic big-M bounds, sat by a counterexample OnnxRuntime confirms (tried
/// first, with the default verifier). Minutes per property, so explicit only:
/// <c>dotnet test --project tests/RepairGate.Core.Tests --filter-method "*Establish_fmnist_verdicts*" -- --explicit on</c>.
/// </summary>
public class FashionMnistVerdicts
{
    [Fact(Explicit = true)]
    public void Establish_fmnist_verdicts_independently()
    {
        var network = OnnxModelLoader.Load(TestData.FashionMnistModel);
        var lines = new List<string> { "onnx,vnnlib,verdict,how" };
        foreach (var path in Directory.GetFiles(TestData.FashionMnist("vnnlib"), "*.vnnlib").Order(StringComparer.Ordinal))
        {
            var property = VnnLibParser.Load(path);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            string verdict;
            using var oracle = OnnxRuntimeOracle.For(network);
            var options = new Core.Verification.VerificationOptions { Timeout = TimeSpan.FromSeconds(20) };
            var result = Core.Verification.Verifier.CreateDefault(options).Verify(network, property, oracle, options, TestContext.Current.CancellationToken);
            if (result.Counterexample is { } cex)
            {
                IndependentChecks.AssertConfirmed(network, property, cex);
                verdict = "sat,counterexample confirmed by OnnxRuntime";
            }
            else verdict = IndependentChecks.MilpExcludesEverything(network, property, TimeSpan.FromMinutes(10)) ? "unsat,interval-bound MILP" : "unknown,neither";
            lines.Add($"fmnist_mlp_50x2.onnx,vnnlib/{Path.GetFileName(path)},{verdict} ({clock.Elapsed.TotalSeconds:0} s)");
            File.WriteAllLines("/tmp/fmnist-verdicts.csv", lines);
        }
    }
}
