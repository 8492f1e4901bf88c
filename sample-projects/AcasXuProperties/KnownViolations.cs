namespace AcasXuProperties;

/// <summary>
/// Properties these networks are known to violate (VNN-COMP's published verdicts). They fail with a counterexample
/// confirmed by OnnxRuntime. Explicit and in the trait Category=Violated, so a plain run stays green:
/// run them with <c>--explicit on</c> (all tests) or <c>--explicit only</c>.
/// </summary>
[Trait("Category", "Violated")]
public sealed class KnownViolations
{
    // φ8: for a distant intruder on the left, the advisory is "clear of conflict" or "weak left".
    [VnnLibFact("models/ACASXU_run2a_2_9_batch_2000.onnx", "specs/prop_8.vnnlib", Timeout = 30, Explicit = true)]
    public void Distant_left_intruder_gets_clear_of_conflict_or_weak_left(NetworkProperty p) => NetworkAssert.Holds(p);

    // φ2: the score of "clear of conflict" is never the largest for a distant, slow intruder.
    [Theory, VnnLibData("models/ACASXU_run2a_2_*.onnx", "specs/prop_2.vnnlib", Timeout = 30, Explicit = true)]
    public void Clear_of_conflict_is_never_the_worst_score(NetworkProperty p) => NetworkAssert.Holds(p);
}
