using Xunit.Sdk;

namespace RepairGate.Xunit.Tests;

public sealed class DisplayNameTests
{
    [Theory, VnnLibData(Acas.Net29, "specs/prop_?.vnnlib")]
    public void Each_row_is_a_test_named_after_its_property_and_model(NetworkProperty p)
    {
        // The label is in the test case's own name, so the rows were enumerated at discovery (one test each).
        var expected = $"{typeof(DisplayNameTests).FullName}.{nameof(Each_row_is_a_test_named_after_its_property_and_model)} [{p.PropertyName} on {Acas.Net29Name}]";
        Assert.Equal(expected, TestContext.Current.Test!.TestDisplayName);
        Assert.Equal(expected, TestContext.Current.TestCase!.TestCaseDisplayName);
    }

    [Fact]
    public void A_pattern_gives_one_row_per_matching_file_in_ordinal_order()
    {
        var rows = new VnnLibDataAttribute(Acas.Net29, "specs/prop_?.vnnlib") { Timeout = 7.5, SkipOnUnknown = true, Seed = 3 }.GetProperties();

        Assert.Equal(["prop_2", "prop_3", "prop_4", "prop_8"], rows.Select(r => r.PropertyName));
        Assert.All(rows, r =>
        {
            Assert.Equal(TestPaths.Resolve(Acas.Net29), r.ModelPath);
            Assert.True(Path.IsPathFullyQualified(r.PropertyPath));
            Assert.Equal(7.5, r.TimeoutSeconds);
            Assert.True(r.SkipOnUnknown);
            Assert.Equal(3, r.Seed);
        });
    }

    [Fact]
    public void Models_and_properties_are_crossed()
    {
        var rows = new VnnLibDataAttribute("models/*.onnx", "specs/prop_3*.vnnlib").GetProperties();

        Assert.Equal(["prop_3 on ACASXU_run2a_1_1_batch_2000", "prop_3 on ACASXU_run2a_2_9_batch_2000"], rows.Select(r => r.Label));
    }

    [Fact]
    public async Task Explicit_skip_and_traits_are_carried_by_every_row()
    {
        global::Xunit.v3.IDataAttribute attribute = new VnnLibDataAttribute(Acas.Net29, "specs/prop_?.vnnlib")
        {
            Explicit = true, Skip = "not today", Traits = ["Category", "Violated"],
        };

        var rows = await attribute.GetData(typeof(DisplayNameTests).GetMethod(nameof(Each_row_is_a_test_named_after_its_property_and_model))!, new DisposalTracker());

        Assert.Equal(4, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.True(row.Explicit);
            Assert.Equal("not today", row.Skip);
            Assert.Equal(["Violated"], row.Traits!["Category"]);
            Assert.Equal(((NetworkProperty)row.GetData()[0]!).Label, row.Label);
        });
    }

    [Fact]
    public void A_recursive_pattern_searches_sub_folders()
    {
        var rows = new VnnLibDataAttribute(Acas.Net29, "**/prop_8.vnnlib").GetProperties();

        Assert.Equal(TestPaths.Resolve(Acas.Prop(8)), Assert.Single(rows).PropertyPath);
    }

    [Fact]
    public void A_pattern_matching_nothing_names_the_folder_searched()
    {
        var error = Assert.Throws<Core.BadInputException>(() => new VnnLibDataAttribute(Acas.Net29, "specs/nothing_*.vnnlib").GetProperties());

        Assert.Contains("no file matches 'specs/nothing_*.vnnlib'", error.Message);
        Assert.Contains(TestPaths.BaseDirectory, error.Message);
    }

    [Fact]
    public void A_row_survives_xunit_serialization()
    {
        var row = new NetworkProperty(Acas.Net29, Acas.Prop(3), timeoutSeconds: 0.1 + 0.2, skipOnUnknown: true, seed: 42);

        var copy = SerializationHelper.Instance.Deserialize<NetworkProperty>(SerializationHelper.Instance.Serialize(row))!;

        Assert.Equal((row.ModelPath, row.PropertyPath, row.TimeoutSeconds, row.SkipOnUnknown, row.Seed),
            (copy.ModelPath, copy.PropertyPath, copy.TimeoutSeconds, copy.SkipOnUnknown, copy.Seed));
        Assert.Equal("prop_3 on ACASXU_run2a_2_9_batch_2000", copy.ToString());
    }

    [VnnLibFact(Acas.Net29, "specs/prop_3.vnnlib", Timeout = 30)]
    public void A_fact_gets_its_pair_and_the_same_label(NetworkProperty p)
    {
        Assert.Equal($"{typeof(DisplayNameTests).FullName}.{nameof(A_fact_gets_its_pair_and_the_same_label)} [prop_3 on {Acas.Net29Name}]", TestContext.Current.Test!.TestDisplayName);
        Assert.Equal(30, p.TimeoutSeconds);
        NetworkAssert.Holds(p);
    }

    [Fact]
    public void xUnit_rebuilds_both_attributes_with_their_options()
    {
        // xUnit re-creates attributes from metadata and silently drops one it cannot build (e.g. an ambiguous option).
        var warnings = new List<string>();
        var fact = typeof(DisplayNameTests).GetMethod(nameof(A_fact_gets_its_pair_and_the_same_label))!.GetMatchingCustomAttributes<global::Xunit.v3.IFactAttribute>(warnings);
        var data = typeof(DisplayNameTests).GetMethod(nameof(Each_row_is_a_test_named_after_its_property_and_model))!.GetMatchingCustomAttributes<global::Xunit.v3.IDataAttribute>(warnings);

        Assert.Empty(warnings);
        Assert.Equal(30, Assert.IsType<VnnLibFactAttribute>(Assert.Single(fact)).Timeout);
        Assert.Equal("specs/prop_?.vnnlib", Assert.IsType<VnnLibDataAttribute>(Assert.Single(data)).Properties);
    }

    [Fact]
    public void A_fact_refuses_a_pattern_matching_several_files()
    {
        var error = Assert.Throws<ArgumentException>(() => new VnnLibFactAttribute(Acas.Net29, "specs/prop_*.vnnlib").GetProperty());

        Assert.Contains("matches 4", error.Message);
    }
}
