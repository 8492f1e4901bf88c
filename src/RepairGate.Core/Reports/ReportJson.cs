using System.Text.Json;
using System.Text.Json.Serialization;

namespace RepairGate.Core.Reports;

/// <summary>
/// The JSON rendering (schema in README, versioned by <see cref="RunReport.SchemaVersion"/>): camelCase names,
/// verdicts as words, absent optional fields omitted, two-space indentation, '\n' line ends, shortest round-trip numbers.
/// </summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        RespectNullableAnnotations = true,
        // A report file, never embedded in HTML: keep '+' and '<' readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(RunReport report) => JsonSerializer.Serialize(report, Options) + "\n";

    /// <summary>Reads a report; <paramref name="source"/> names the file in errors.</summary>
    public static RunReport Deserialize(string json, string source)
    {
        RunReport? report;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
                throw new BadInputException("not a RepairGate report: no schemaVersion", source);
            if (version.GetInt32() != RunReport.CurrentSchemaVersion)
                throw new BadInputException($"report schema version {version.GetInt32()} is not supported; this RepairGate reads version {RunReport.CurrentSchemaVersion}", source);
            report = document.Deserialize<RunReport>(Options);
        }
        catch (JsonException e)
        {
            throw new BadInputException($"not a valid report: {e.Message}", source, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1, e);
        }
        if (report is null) throw new BadInputException("not a valid report: empty", source);
        // Optional fields may be absent, required ones may not: fail here, not with a null later.
        var missing = MissingFields(report).FirstOrDefault();
        if (missing is not null) throw new BadInputException($"not a valid report: '{missing}' is missing", source);
        return report;
    }

    private static IEnumerable<string> MissingFields(RunReport report)
    {
        if (report.Command is null) yield return "command";
        if (report.Environment is null) yield return "environment";
        if (report.Models is null) yield return "models";
        if (report.Repairs is null) yield return "repairs";
        foreach (var model in report.Models ?? [])
        {
            if (model.Path is null || model.Sha256 is null || model.Properties is null) yield return $"path, sha256 or properties of model {model.Name}";
            foreach (var p in model.Properties ?? [])
                if (p.Path is null || p.Sha256 is null || p.Statistics is null || p.Detail is null) yield return $"path, sha256, detail or statistics of property {p.Name} on {model.Path}";
        }
        foreach (var r in report.Repairs ?? [])
            if (r.Model is null || r.Engine is null || r.WeightChange is null || r.Layers is null || r.Iterations is null || r.Solver is null || r.LayerChanges is null || r.Preserve is null)
                yield return $"a required field of the repair of {r.Model}";
    }

    public static async Task<RunReport> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new BadInputException("file not found", path);
        return Deserialize(await File.ReadAllTextAsync(path, cancellationToken), path);
    }
}
