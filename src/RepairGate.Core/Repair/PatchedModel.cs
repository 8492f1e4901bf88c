using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Repair;

/// <summary>
/// Writes a proven patch as ONNX (the original file with only the changed initializers when it came from ONNX, a fresh
/// graph otherwise), then re-reads the written file and checks it independently: same function as the proven network,
/// OnnxRuntime agrees, and the target properties are proven again on the file's own weights.
/// </summary>
public static class PatchedModel
{
    public static async Task<string> SaveAndCheckAsync(Network patched, string path, IReadOnlyCollection<string> inputs,
        IReadOnlyList<VnnProperty> targets, RepairOptions options, CancellationToken cancellationToken, int? regionLayer = null)
    {
        var bytes = patched.Source is OnnxSource ? OnnxModelWriter.ToBytes(patched) : OnnxNetworkExporter.ToBytes(patched);
        await AtomicFile.WriteAllBytesAsync(path, bytes, [patched.SourcePath, .. inputs], cancellationToken).ConfigureAwait(false);

        var reloaded = await OnnxModelLoader.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        using var oracle = OnnxRuntimeOracle.For(reloaded);
        var domain = targets.SelectMany(t => t.Cases).Select(c => c.Input).ToArray();
        foreach (var x in DomainSampler.Sample(domain, 500, options.Seed + 2))
        {
            var proven = patched.Evaluate(x);
            var file = reloaded.Evaluate(x);
            var runtime = oracle.Run(x.Select(v => (float)v).ToArray());
            for (var j = 0; j < proven.Length; j++)
            {
                var scale = Math.Max(1, Math.Abs(proven[j]));
                if (Math.Abs(proven[j] - file[j]) > 1e-9 * scale || Math.Abs(proven[j] - runtime[j]) > 1e-5 * scale)
                    throw new InvalidOperationException($"the written model {path} does not compute the proven function (output {j}: {proven[j]:G9} proven, {file[j]:G9} read back, {runtime[j]:G9} OnnxRuntime)");
            }
        }
        var methods = new List<string>();
        foreach (var property in targets)
        {
            // The region proof on the file's own weights when the patch was certified that way; else the verifier.
            if (regionLayer is { } layer && RegionProof.TryProve(reloaded, layer, property, LastLayerLpEngine.DefaultBoxesPerRegion,
                    4 * LastLayerLpEngine.DefaultBoxesPerRegion, DateTime.UtcNow + options.VerifyTimeout, cancellationToken) is null)
            {
                methods.Add($"{property.Name} by region proof");
                continue;
            }
            var verification = new VerificationOptions { Timeout = options.VerifyTimeout, Seed = options.Seed };
            var result = await Verifier.CreateDefault(verification).VerifyAsync(reloaded, property, oracle, verification, cancellationToken).ConfigureAwait(false);
            if (result.Verdict != Verdict.Unsat)
                throw new InvalidOperationException($"{property.Name} was proven on the patch but is {result.Verdict.ToResultWord()} on the written file {path}");
            methods.Add($"{property.Name} by the verifier");
        }
        return $"wrote {path}; re-read: same function, OnnxRuntime agrees; proven again on the file: {string.Join(", ", methods)}";
    }
}
