using System.Diagnostics;
using System.Xml.Linq;

namespace RepairGate.Xunit.Tests;

/// <summary>
/// Runs sample-projects/AcasXuProperties as a user would: RepairGate.Core and RepairGate.Xunit packed into a feed,
/// the sample restored from it and run with <c>dotnet test</c>. Works on a copy in a temporary folder, with a version
/// unique to the run, so neither the work tree nor any package cache ever holds a stale RepairGate package.
/// </summary>
internal static class SampleProject
{
    public sealed record TestCase(string Name, string? Failure, bool Skipped);

    /// <param name="Tests">The test cases of the JUnit report.</param>
    /// <param name="Folder">The sample's folder in the repository (its models and specs are the ones the run used).</param>
    /// <param name="Log">What dotnet test printed.</param>
    public sealed record Run(IReadOnlyList<TestCase> Tests, string Folder, string Log)
    {
        public int Passed => Tests.Count(t => t.Failure is null && !t.Skipped);
        public int Failed => Tests.Count(t => t.Failure is not null);
        public int Skipped => Tests.Count(t => t.Skipped);
    }

    /// <summary>Runs the sample; the temporary copy (about 1.6 GB with its native libraries) is deleted afterwards.</summary>
    public static async Task<Run> RunAsync(string sampleName, IReadOnlyList<string> testArguments, CancellationToken cancellationToken)
    {
        var work = TestData.TempFolder();
        try
        {
            return await RunInAsync(work, sampleName, testArguments, cancellationToken);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Run> RunInAsync(string work, string sampleName, IReadOnlyList<string> testArguments, CancellationToken cancellationToken)
    {
        var version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var feed = Path.Combine(work, "feed");
        await PackAsync(feed, version, cancellationToken);

        var samples = Path.Combine(work, "sample-projects");
        var source = Path.Combine(TestData.RepoRoot, "sample-projects", sampleName);
        CopyFolder(source, Path.Combine(samples, sampleName));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
            File.Copy(Path.Combine(TestData.RepoRoot, "sample-projects", file), Path.Combine(samples, file));
        // The repository's global.json selects the same test runner (Microsoft.Testing.Platform) as in the repo.
        File.Copy(Path.Combine(TestData.RepoRoot, "global.json"), Path.Combine(work, "global.json"));
        File.WriteAllText(Path.Combine(samples, "NuGet.config"), NuGetConfig(feed, Path.Combine(work, "packages")));

        var results = Path.Combine(work, "results");
        string[] arguments =
        [
            "test", "--project", sampleName, "--results-directory", results, "--report-xunit-junit",
            $"-p:RepairGateVersion={version}",
            // Everything but RepairGate comes from the machine's package cache instead of being downloaded again.
            $"-p:RestoreAdditionalProjectFallbackFolders={GlobalPackagesFolder()}",
            .. testArguments,
        ];
        var log = await DotnetAsync(samples, arguments, cancellationToken, allowFailure: true);
        var report = Directory.Exists(results) ? Directory.GetFiles(results, "*.xml", SearchOption.AllDirectories) : [];
        Assert.True(report.Length == 1, $"expected one JUnit report in {results}; dotnet test said:\n{log}");
        return new Run(ReadJunit(report[0]), source, log);
    }

    /// <summary>Packs Core and the extension at <paramref name="version"/> from this build's outputs.</summary>
    private static async Task PackAsync(string feed, string version, CancellationToken cancellationToken)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        foreach (var project in new[] { "src/RepairGate.Core", "src/RepairGate.Xunit" })
            await DotnetAsync(TestData.RepoRoot, ["pack", project, "--no-build", "-c", configuration, "-o", feed, $"-p:Version={version}"], cancellationToken);
    }

    private static List<TestCase> ReadJunit(string path) =>
        XDocument.Load(path).Descendants("testcase")
            .Select(c => new TestCase(
                (string)c.Attribute("name")!,
                (string?)c.Element("failure")?.Attribute("message") ?? (c.Element("error") is { } e ? (string?)e.Attribute("message") ?? e.Value : null),
                c.Element("skipped") is not null))
            .ToList();

    private static async Task<string> DotnetAsync(string folder, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool allowFailure = false)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Variables that the outer test run's MSBuild and test platform set would steer the inner run.
        foreach (var name in start.Environment.Keys.ToList())
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || name is "DOTNET_HOST_PATH" or "REPAIRGATE_RESULTS_DIR")
                start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var log = await output + await errors;
        if (!allowFailure && process.ExitCode != 0)
            Assert.Fail($"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{log}");
        return log;
    }

    private static string NuGetConfig(string feed, string packages) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="repairgate-e2e" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <config>
            <add key="globalPackagesFolder" value="{packages}" />
          </config>
        </configuration>
        """;

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj") continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
