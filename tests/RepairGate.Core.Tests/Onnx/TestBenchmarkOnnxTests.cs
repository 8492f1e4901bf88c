using RepairGate.Core.Onnx;

namespace RepairGate.Core.Tests.Onnx;

/// <summary>The VNN-COMP 2021 test benchmark networks, including the weight-first MatMul of test_tiny/test_small.</summary>
public class TestBenchmarkOnnxTests
{
    [Theory]
    [InlineData("test_nano.onnx")]
    [InlineData("test_tiny.onnx")]
    [InlineData("test_small.onnx")]
    [InlineData("test_sat.onnx")]
    [InlineData("test_unsat.onnx")]
    public void Evaluation_matches_OnnxRuntime_and_export_is_identical(string file)
    {
        var path = TestData.Path("acasxu", "test_benchmark", file);
        var network = OnnxModelLoader.Load(path);
        using var oracle = OnnxRuntimeOracle.Create(File.ReadAllBytes(path), network.Io);
        Assert.InRange(OracleComparison.MaxDifference(network, oracle, samples: 100, seed: 5, low: -1, high: 1), 0, 1e-5);
        Assert.Equal(File.ReadAllBytes(path), OnnxModelWriter.ToBytes(network));
    }
}
