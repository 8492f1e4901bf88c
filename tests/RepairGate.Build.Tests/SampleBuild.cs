using System.Diagnostics;
using System.Text;

namespace RepairGate.Build.Tests;

/// <summary>
/// Packs RepairGate.Build (from this build's outputs, with a unique version so no NuGet cache can shadow it) into a
/// temporary feed, and builds copies of sample-projects/AcasXuGate (or another sample) against it with `dotnet build`, as a user would.
/// </summary>
public sealed class SampleBuild : IDisposable
{
    private readonly string _root = TestData.TempFolder();

    public SampleBuild()
    {
        Version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Feed = Path.Combine(_root, "feed");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var pack = Run(TestData.RepoRoot, "pack", Path.Combine(TestData.RepoRoot, "src", "RepairGate.Build", "RepairGate.Build.csproj"),
            "--no-build", "-c", configuration, "-o", Feed, $"-p:PackageVersion={Version}");
        if (pack.ExitCode != 0) throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
    }

    public string Version { get; }
    public string Feed { get; }

    /// <summary>A fresh copy of the sample (project + the samples' Directory.*.props) with a NuGet.config for the test feed.</summary>
    public string CopySample(string name = "AcasXuGate")
    {
        var samples = Path.Combine(_root, "samples-" + Guid.NewGuid().ToString("N")[..8]);
        var source = Path.Combine(TestData.RepoRoot, "sample-projects");
        Directory.CreateDirectory(samples);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
            File.Copy(Path.Combine(source, file), Path.Combine(samples, file));
        var project = Path.Combine(samples, name);
        foreach (var file in Directory.GetFiles(Path.Combine(source, name), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Path.Combine(source, name), file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(project, relative))!);
            File.Copy(file, Path.Combine(project, relative));
        }
        File.WriteAllText(Path.Combine(samples, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" /></config>
              <packageSources><add key="e2e" value="{Feed}" /></packageSources>
            </configuration>
            """);
        EditProject(project, text => text.Replace("Include=\"RepairGate.Build\" Version=\"0.1.0\"", $"Include=\"RepairGate.Build\" Version=\"{Version}\""));
        return project;
    }

    public static void EditProject(string project, Func<string, string> edit)
    {
        var path = Directory.GetFiles(project, "*.csproj").Single();
        var before = File.ReadAllText(path);
        var after = edit(before);
        if (after == before) throw new InvalidOperationException("the sample project did not contain the text to replace");
        File.WriteAllText(path, after);
    }

    public static ProcessResult Build(string project, params string[] extra) =>
        Run(project, ["build", "-tl:off", "-nodeReuse:false", "--disable-build-servers", "-v:n", .. extra]);

    public static ProcessResult Run(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args, out var output);
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.ToString());
    }

    /// <summary>Starts dotnet with a clean MSBuild environment (the test host's own build variables must not leak in).</summary>
    public static Process Start(string workingDirectory, string[] args, out StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var text = new StringBuilder();
        output = text;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Process ids of gate runners working on <paramref name="project"/> (from /proc/PID/cmdline).</summary>
    public static IReadOnlyList<int> RunnerProcesses(string project)
    {
        var ids = new List<int>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var id)) continue;
            try
            {
                var args = File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0');
                if (args.Contains("gate") && args.Any(a => a.EndsWith("repairgate.dll", StringComparison.Ordinal)) && args.Any(a => a.StartsWith(project, StringComparison.Ordinal)))
                    ids.Add(id);
            }
            catch (IOException) { } // the process ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return ids;
    }

    /// <summary>Polls <paramref name="probe"/> until it returns non-zero or the time is up (then 0).</summary>
    public static async Task<int> WaitForAsync(Func<int> probe, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var value = probe();
            if (value != 0) return value;
            await Task.Delay(100, cancellationToken);
        }
        return 0;
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed record ProcessResult(int ExitCode, string Output);
