namespace AcasXuProperties;

/// <summary>Local robustness and a recorded regression set, on network 2_9 (advisory = lowest score).</summary>
public sealed class ModelBehaviour
{
    private const string Model = "models/ACASXU_run2a_2_9_batch_2000.onnx";

    [Fact]
    public void Advisory_is_stable_around_a_head_on_encounter() =>
        NetworkAssert.Robust(Model, [-0.301041984, 0.0, 0.496690162, 0.4, 0.4], epsilon: 1e-4, decision: Decision.ArgMin, timeoutSeconds: 30);

    [Fact]
    public void Recorded_advisories_are_reproduced() =>
        NetworkAssert.Classifies(Model, "data/advisories.csv", minAccuracy: 1.0, Decision.ArgMin);
}
