namespace AcasXuProperties;

/// <summary>Properties that hold on the networks: proven, so these tests pass (one is skipped: no verdict in its budget).</summary>
public sealed class AdvisoryProperties
{
    // φ3: an intruder directly ahead and approaching never gets "clear of conflict" as the advisory.
    [Theory, VnnLibData("models/ACASXU_run2a_2_*.onnx", "specs/prop_3.vnnlib", Timeout = 30)]
    public void Head_on_intruder_is_never_clear_of_conflict(NetworkProperty p) => NetworkAssert.Holds(p);

    // φ4: the same for an intruder ahead moving away more slowly than the ownship.
    [Theory, VnnLibData("models/ACASXU_run2a_2_*.onnx", "specs/prop_4.vnnlib", Timeout = 30)]
    public void Slower_intruder_ahead_is_never_clear_of_conflict(NetworkProperty p) => NetworkAssert.Holds(p);

    // φ2: for a distant, slow intruder "clear of conflict" never gets the worst (largest) score. It holds on 3_3 but
    // takes over a minute to prove: with a 1 s budget there is no verdict, and SkipOnUnknown skips the test with the reason.
    [VnnLibFact("models/ACASXU_run2a_3_3_batch_2000.onnx", "specs/prop_2.vnnlib", Timeout = 1, SkipOnUnknown = true)]
    public void Distant_slow_intruder_never_makes_clear_of_conflict_the_worst(NetworkProperty p) => NetworkAssert.Holds(p);
}
