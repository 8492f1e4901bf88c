using RepairGate.Core.Model;
using RepairGate.Core.Onnx;

namespace RepairGate.Xunit;

/// <summary>A model loaded once per test run: RepairGate's network and the OnnxRuntime session that judges it.</summary>
/// <param name="Network">The network (immutable).</param>
/// <param name="Oracle">OnnxRuntime running the same model; thread-safe, shared by every test.</param>
internal sealed record LoadedModel(Network Network, OnnxRuntimeOracle Oracle)
{
    public int InputSize => Network.InputSize;

    public float[] Run(IReadOnlyList<double> input) => Oracle.Run(input.Select(v => (float)v).ToArray());
}
