using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Xunit.Tests;

public sealed class RepairSeamTests
{
    [Fact]
    public void A_verified_repair_is_written_attached_and_makes_the_model_repairable()
    {
        var property = new NetworkProperty(Acas.Net29, Acas.Prop(8), timeoutSeconds: 30);

        NetworkAssert.IsRepairable(property, new FavourClearOfConflict(-1000));

        var path = ResultFiles.PathFor(Acas.Net29Name, "prop_8", ".repaired.onnx");
        var attached = TestContext.Current.Attachments![Path.GetFileName(path)].AsByteArray().Item1;
        Assert.Equal(File.ReadAllBytes(path), attached);
        // The written model is the repaired one: OnnxRuntime's clear-of-conflict score dropped by 1000.
        var x = new float[] { 0.1f, -0.4f, 0f, 0.2f, 0.2f };
        var before = OnnxRuntimeCheck.Run(Acas.Net29, x);
        var after = OnnxRuntimeCheck.Run(path, x);
        Assert.Equal(before[0] - 1000, after[0], 0.01);
    }

    [Fact]
    public void The_built_in_loop_repairer_makes_acas_2_9_repairable_for_property_8()
    {
        var property = new NetworkProperty(Acas.Net29, Acas.Prop(8), timeoutSeconds: 60);

        NetworkAssert.IsRepairable(property, new LoopRepairer());

        var path = ResultFiles.PathFor(Acas.Net29Name, "prop_8", ".repaired.onnx");
        Assert.NotEqual(File.ReadAllBytes(Acas.Net29), File.ReadAllBytes(path));
    }

    [Fact]
    public void Holds_still_fails_on_the_original_model_and_reports_the_repair()
    {
        var property = new NetworkProperty(Acas.Net29, Acas.Prop(8), timeoutSeconds: 30);

        var error = Assert.Throws<NetworkAssertException>(() => NetworkAssert.Holds(property, new FavourClearOfConflict(-1000)));

        Assert.Contains("is violated", error.Message);
        Assert.Contains("repair (clear-of-conflict bias): the property is proven to hold on the repaired model", error.Message);
    }

    [Fact]
    public void A_repair_that_does_not_remove_the_violation_is_not_accepted()
    {
        var property = new NetworkProperty(Acas.Net29, Acas.Prop(8), timeoutSeconds: 30);

        var error = Assert.Throws<NetworkAssertException>(() => NetworkAssert.IsRepairable(property, new FavourClearOfConflict(+1000)));

        Assert.Contains("repair (clear-of-conflict bias): the repaired model still violates the property", error.Message);
    }

    [Fact]
    public void No_repair_found_fails_IsRepairable()
    {
        var property = new NetworkProperty(Acas.Net29, Acas.Prop(8), timeoutSeconds: 30);

        var error = Assert.Throws<NetworkAssertException>(() => NetworkAssert.IsRepairable(property, new NoRepair()));

        Assert.Contains("repair (none): no repair found", error.Message);
    }

    /// <summary>A deliberately crude repairer: shifts the bias of output 0 (clear of conflict) in the last layer.</summary>
    private sealed class FavourClearOfConflict(double shift) : IModelRepairer
    {
        public string Name => "clear-of-conflict bias";

        public Network? Repair(Network network, VnnProperty property, Counterexample counterexample, CancellationToken cancellationToken)
        {
            var index = network.Layers.Count - 1;
            while (network.Layers[index] is not AffineLayer) index--;
            var last = (AffineLayer)network.Layers[index];
            var bias = last.Bias.ToArray();
            bias[0] += shift;
            return network.WithLayer(index, last.With(last.Weights, bias));
        }
    }

    private sealed class NoRepair : IModelRepairer
    {
        public string Name => "none";

        public Network? Repair(Network network, VnnProperty property, Counterexample counterexample, CancellationToken cancellationToken) => null;
    }
}
