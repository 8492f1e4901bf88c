using RepairGate.Core.Data;
using RepairGate.Core.Model;

namespace RepairGate.Core.Tests.EditSets;

/// <summary>Small networks and data sets whose predictions can be read off by hand.</summary>
internal static class EditSetFixtures
{
    /// <summary>y = relu(x) through an identity hidden layer, then an identity output layer: class = the larger input.</summary>
    public static Network Identity2() => new([
            new AffineLayer([1, 0, 0, 1], [0, 0], [2], [2], "hidden"),
            new ReluLayer([2], "relu"),
            new AffineLayer([1, 0, 0, 1], [0, 0], [2], [2], "out"),
        ], new NetworkIo("X", [1, 2], "Y", [1, 2]), "identity2.onnx");

    /// <summary>Rows: (1,0) label 0 right; (0,1) label 0 wrong; (0.5,0.5) label 1 a tie, wrong; (0,2) label 1 right.</summary>
    public static LabelledData FourRows() => LabelledData.Create(
        [[1, 0], [0, 1], [0.5, 0.5], [0, 2]], [0, 0, 1, 1], "four.csv");

    public static double[] Image(params double[] values) => values;
}
