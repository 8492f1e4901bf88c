using System.Diagnostics;
using System.Text.RegularExpressions;
using RepairGate.Core.Reports;

namespace RepairGate.Core.Tests.Reports;

public partial class HtmlReportTests
{
    [Fact]
    public void Self_contained_no_scripts_no_network()
    {
        var html = HtmlReport.Render(SampleReports.Mixed());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        // The only URL is the SVG namespace, which is a name, not a request.
        Assert.All(Url().Matches(html), m => Assert.Equal("http://www.w3.org/2000/svg", m.Value));
    }

    [Fact]
    public void Summary_charts_table_heat_map_and_preserve_plot()
    {
        var html = HtmlReport.Render(SampleReports.Mixed());
        Assert.Contains("<p id=\"headline\">4 properties on 2 models: 1 hold, 1 violated, 1 unknown, 1 timeout; 1 repair, 1 succeeded</p>", html);
        Assert.Contains("id=\"time-chart\"", html);
        Assert.Contains("id=\"margin-chart\"", html);
        Assert.Contains("Weight change, layer 2 (fc2, 6x4)", html);
        Assert.Contains("Outputs on 2 preserve points", html);
        // One heat-map cell per weight (6x4), one dot per preserve output (2x2).
        var heatmap = html[html.IndexOf("Weight change, layer 2", StringComparison.Ordinal)..];
        heatmap = heatmap[..heatmap.IndexOf("</svg>", StringComparison.Ordinal)];
        Assert.Equal(24, Regex.Matches(heatmap, "<title>W\\[").Count);
        Assert.Equal(4, Regex.Matches(html, "<circle ").Count);
        Assert.Contains("counterexample: Y_0 - Y_1 &lt;= 0", html);
    }

    [Fact]
    public void Large_layers_are_pooled_into_a_readable_heat_map()
    {
        var layer = new LayerChangeReport(0, "big", 300, 784, Enumerable.Range(0, 300 * 784).Select(i => i == 12345 ? 0.5 : 0.0).ToArray(), new double[300]);
        var repair = SampleReports.Repair() with { LayerChanges = [layer] };
        var html = HtmlReport.Render(SampleReports.Mixed() with { Repairs = [repair] });
        var cells = Regex.Matches(html, "<title>rows ").Count;
        Assert.InRange(cells, 1, 64 * 64);
        Assert.Contains("largest change 0.5", html);
    }

    [Fact]
    public void Many_properties_become_one_column_each()
    {
        var properties = Enumerable.Range(0, 100).Select(i => SampleReports.Property($"p{i:D3}", i % 10 == 0 ? Core.Verification.Verdict.Sat : Core.Verification.Verdict.Unsat)).ToArray();
        var html = HtmlReport.Render(SampleReports.AllHold() with { Models = [SampleReports.Model("big", properties)] });
        Assert.Equal(2, Regex.Matches(html, "100 properties in report order").Count);
        Assert.Contains("<title>big / p042: holds in 1.50 s</title>", html);
    }

    [Fact]
    public void Without_timing_there_is_no_time_chart()
    {
        var html = HtmlReport.Render(SampleReports.Mixed().WithoutTiming());
        Assert.DoesNotContain("id=\"time-chart\"", html);
        Assert.Contains("id=\"margin-chart\"", html);
    }

    /// <summary>Opens the report in a real headless Chromium and reads the rendered DOM back.</summary>
    [Fact]
    public async Task Chromium_renders_the_summary_and_the_charts()
    {
        var chromium = Chromium.Find();
        Assert.SkipWhen(chromium is null, "chromium is not installed (apt-get install chromium); .ci/run installs it");
        var folder = TestData.TempFolder();
        var page = Path.Combine(folder, "report.html");
        await File.WriteAllTextAsync(page, HtmlReport.Render(SampleReports.Mixed()), TestContext.Current.CancellationToken);

        var dom = await Chromium.RunAsync(chromium!, ["--dump-dom", new Uri(page).AbsoluteUri], TestContext.Current.CancellationToken);
        Assert.Contains("4 properties on 2 models: 1 hold, 1 violated", dom);
        Assert.Contains("id=\"margin-chart\"", dom);
        Assert.Contains("Weight change, layer 2", dom);

        var screenshot = Path.Combine(folder, "report.png");
        await Chromium.RunAsync(chromium!, [$"--screenshot={screenshot}", "--window-size=1200,1600", new Uri(page).AbsoluteUri], TestContext.Current.CancellationToken);
        var png = await File.ReadAllBytesAsync(screenshot, TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 10_000, $"a {png.Length}-byte screenshot is too small to show the page");
    }

    [GeneratedRegex("https?://[^\"' )]+")]
    private static partial Regex Url();
}

/// <summary>Runs Debian's headless Chromium, sandbox off (tests may run as root), with a fresh profile.</summary>
internal static class Chromium
{
    public static string? Find() =>
        new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    public static async Task<string> RunAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={TestData.TempFolder()}" }.Concat(arguments))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await error}");
        return await output;
    }
}
