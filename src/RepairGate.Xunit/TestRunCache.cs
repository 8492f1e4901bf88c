using System.Collections.Concurrent;
using RepairGate.Core;
using RepairGate.Core.NNet;
using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;

namespace RepairGate.Xunit;

/// <summary>
/// Models, properties and verification results shared by every test in the process: each model file is loaded once
/// (one OnnxRuntime session), each property parsed once, and each model/property/budget verified once, however many
/// tests ask and however many run in parallel. Entries are keyed by full path and last write time.
/// </summary>
internal static class TestRunCache
{
    private static readonly ConcurrentDictionary<FileKey, Lazy<LoadedModel>> Models = new();
    private static readonly ConcurrentDictionary<FileKey, Lazy<VnnProperty>> Properties = new();
    private static readonly ConcurrentDictionary<CheckKey, Lazy<PropertyCheck>> Checks = new();
    private static readonly ConcurrentDictionary<string, int> Work = new(StringComparer.Ordinal);

    /// <summary>How many times <paramref name="modelPath"/> was actually read (for tests of the cache).</summary>
    public static int LoadsOf(string modelPath) => Work.GetValueOrDefault("load " + Path.GetFullPath(modelPath));

    /// <summary>How many times the pair was actually verified, over all budgets (for tests of the cache).</summary>
    public static int VerificationsOf(string modelPath, string propertyPath) =>
        Work.GetValueOrDefault($"verify {Path.GetFullPath(modelPath)} {Path.GetFullPath(propertyPath)}");

    public static LoadedModel Model(string path) =>
        Models.GetOrAdd(FileKey.Of(path), key => new Lazy<LoadedModel>(() => Load(key.Path))).Value;

    public static VnnProperty Property(string path) =>
        Properties.GetOrAdd(FileKey.Of(path), key => new Lazy<VnnProperty>(() => VnnLibParser.Load(key.Path))).Value;

    /// <summary>The verdict for <paramref name="property"/>, computed by the first test that asks.</summary>
    public static PropertyCheck Check(NetworkProperty property, CancellationToken cancellationToken)
    {
        var key = new CheckKey(FileKey.Of(property.ModelPath), FileKey.Of(property.PropertyPath), property.TimeoutSeconds, property.Seed);
        var entry = Checks.GetOrAdd(key, _ => new Lazy<PropertyCheck>(() =>
        {
            Work.AddOrUpdate($"verify {key.Model.Path} {key.Property.Path}", 1, (_, n) => n + 1);
            return PropertyCheck.Run(property, cancellationToken);
        }));
        try
        {
            return entry.Value;
        }
        catch (OperationCanceledException)
        {
            // A cancelled run is not a result: let the next test that asks run it again.
            Checks.TryRemove(new KeyValuePair<CheckKey, Lazy<PropertyCheck>>(key, entry));
            throw;
        }
    }

    private static LoadedModel Load(string path)
    {
        if (!File.Exists(path)) throw new BadInputException("model file not found", path);
        var network = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".onnx" => OnnxModelLoader.Load(path),
            ".nnet" => NNetReader.Load(path),
            _ => throw new BadInputException("unknown model format; expected a .onnx or .nnet file", path),
        };
        Work.AddOrUpdate("load " + path, 1, (_, n) => n + 1);
        return new LoadedModel(network, OnnxRuntimeOracle.For(network));
    }

    private readonly record struct FileKey(string Path, long WriteTicks)
    {
        public static FileKey Of(string path)
        {
            var full = System.IO.Path.GetFullPath(path);
            return new FileKey(full, File.Exists(full) ? File.GetLastWriteTimeUtc(full).Ticks : 0);
        }
    }

    private readonly record struct CheckKey(FileKey Model, FileKey Property, double TimeoutSeconds, int Seed);
}
