namespace RepairGate.Cli.Tests;

/// <summary>Every kind of bad input: one line on stderr naming the file (and position), exit code 2, no stack trace.</summary>
public class BadInputTests
{
    private static readonly string AcasModel = TestData.AcasNetwork(1, 1);

    private static string Write(string name, string text)
    {
        var path = Path.Combine(TestData.TempFolder(), name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertBadInput(CliRun run, string expectedMessage)
    {
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains(expectedMessage, line);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task Missing_model_file()
    {
        var run = await CliRun.InProcessAsync("verify", "--model", "missing.onnx", "--property", TestData.AcasProperty(1));
        AssertBadInput(run, "missing.onnx: file not found");
    }

    [Fact]
    public async Task Truncated_model()
    {
        var bytes = File.ReadAllBytes(AcasModel);
        var path = Path.Combine(TestData.TempFolder(), "cut.onnx");
        File.WriteAllBytes(path, bytes[..1000]);
        var run = await CliRun.InProcessAsync("verify", "--model", path, "--property", TestData.AcasProperty(1));
        AssertBadInput(run, "cut.onnx: not a valid ONNX model");
        Assert.Equal(bytes[..1000], File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Unknown_model_extension()
    {
        var path = Write("model.pt", "x");
        AssertBadInput(await CliRun.InProcessAsync("verify", "--model", path, "--property", TestData.AcasProperty(1)), "model.pt: unknown model format");
    }

    [Fact]
    public async Task Vnnlib_syntax_error_has_line_and_column()
    {
        var path = Write("bad.vnnlib", "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(assert (<= X_0 1)\n");
        var run = await CliRun.InProcessAsync("verify", "--model", AcasModel, "--property", path);
        AssertBadInput(run, "bad.vnnlib(");
        Assert.Matches(@"bad\.vnnlib\(\d+,\d+\): ", run.Error);
    }

    [Fact]
    public async Task Undeclared_variable()
    {
        var path = Write("undeclared.vnnlib", "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(assert (<= X_1 1))\n");
        var run = await CliRun.InProcessAsync("verify", "--model", AcasModel, "--property", path);
        AssertBadInput(run, "undeclared.vnnlib(3,13): ");
    }

    [Fact]
    public async Task Property_dimensions_that_do_not_match_the_model()
    {
        var path = Write("small.vnnlib", "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(assert (<= X_0 1))\n(assert (>= X_0 0))\n(assert (<= Y_0 0))\n");
        var run = await CliRun.InProcessAsync("verify", "--model", AcasModel, "--property", path);
        AssertBadInput(run, "small.vnnlib: the property has 1 input (X_0) but model");
    }

    [Fact]
    public async Task Empty_input_box()
    {
        var path = Write("empty.vnnlib", "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(assert (<= X_0 0))\n(assert (>= X_0 1))\n(assert (<= Y_0 0))\n");
        var run = await CliRun.InProcessAsync("verify", "--model", AcasModel, "--property", path);
        AssertBadInput(run, "empty.vnnlib(");
        Assert.Contains("empty", run.Error);
    }

    [Fact]
    public async Task Missing_property_file()
    {
        AssertBadInput(await CliRun.InProcessAsync("verify", "--model", AcasModel, "--property", "nope.vnnlib"), "nope.vnnlib: file not found");
    }

    [Fact]
    public async Task Usage_errors_are_exit_code_2()
    {
        var run = await CliRun.InProcessAsync("verify", "--model", AcasModel);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--property", run.Error);
    }

    [Fact]
    public async Task Result_file_never_overwrites_the_model()
    {
        var folder = TestData.TempFolder();
        var model = Path.Combine(folder, "model.onnx");
        File.Copy(TestData.AcasNetwork(2, 1), model);
        var run = await CliRun.InProcessAsync("verify", "--model", model, "--property", TestData.AcasProperty(2), "--result", model);
        AssertBadInput(run, "refusing to overwrite the input model");
        Assert.Equal(File.ReadAllBytes(TestData.AcasNetwork(2, 1)), File.ReadAllBytes(model));
    }

    [Fact]
    public async Task Stack_trace_only_with_verbose()
    {
        var run = await CliRun.InProcessAsync("verify", "--model", "missing.onnx", "--property", TestData.AcasProperty(1), "--verbose");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("   at ", run.Error);
    }
}
