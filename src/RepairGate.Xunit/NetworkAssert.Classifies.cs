using System.Globalization;
using System.Text;

namespace RepairGate.Xunit;

public static partial class NetworkAssert
{
    /// <summary>
    /// Passes when OnnxRuntime, running <paramref name="model"/>, gives at least <paramref name="minAccuracy"/> of the edit set
    /// its expected class. <paramref name="editSet"/> is a CSV file of <c>inputs...,label</c> rows (see <see cref="EditSetFile"/>).
    /// </summary>
    public static void Classifies(string model, string editSet, double minAccuracy, Decision decision = Decision.ArgMax) =>
        Classifies(model, EditSetFile.Load(editSet), minAccuracy, decision);

    /// <summary>As above, with the edit set given as rows.</summary>
    public static void Classifies(string model, IReadOnlyCollection<LabeledInput> editSet, double minAccuracy, Decision decision = Decision.ArgMax)
    {
        ArgumentNullException.ThrowIfNull(editSet);
        if (editSet.Count == 0) throw new ArgumentException("the edit set is empty", nameof(editSet));
        if (!(minAccuracy is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(minAccuracy), minAccuracy, "the accuracy is a fraction between 0 and 1");
        var path = TestPaths.Resolve(model);
        var loaded = TestRunCache.Model(path);

        var misses = new List<string>();
        foreach (var row in editSet)
        {
            if (row.Input.Length != loaded.InputSize)
                throw new ArgumentException($"{row.Origin}: the model takes {loaded.InputSize} inputs but the row has {row.Input.Length}", nameof(editSet));
            var outputs = loaded.Run(row.Input);
            if (row.Label >= outputs.Length)
                throw new ArgumentException($"{row.Origin}: label {row.Label} but the model has {outputs.Length} outputs", nameof(editSet));
            var decided = decision.Of(outputs);
            if (decided != row.Label)
                misses.Add($"{row.Origin}: expected {row.Label}, got {decided}; outputs [{string.Join(", ", outputs.Select(RepairGate.Core.Verification.CounterexampleText.Number))}]");
        }

        var accuracy = (editSet.Count - misses.Count) / (double)editSet.Count;
        if (accuracy >= minAccuracy) return;
        TestAttachments.AddText($"{Path.GetFileNameWithoutExtension(path)}__misclassified.txt", string.Join('\n', misses) + "\n");
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(path)} classifies {editSet.Count - misses.Count} of {editSet.Count} rows correctly (accuracy {accuracy:0.####}), below the required {minAccuracy:0.####} ({decision}, run in OnnxRuntime)"));
        foreach (var miss in misses.Take(10)) text.AppendLine("  " + miss);
        if (misses.Count > 10) text.AppendLine($"  ... and {misses.Count - 10} more (attached)");
        throw new NetworkAssertException(text.ToString());
    }
}
