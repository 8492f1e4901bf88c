using System.Text;
using System.Text.Json;
using RepairGate.Core.Comparison;
using RepairGate.Core.Metrics;

namespace RepairGate.Core.Reports;

/// <summary>
/// The comparison as JSON (schema version 1, camelCase, fractions 0..1, shortest round-trip numbers, '\n' line ends):
/// <c>schemaVersion, model, editSet, repairItems, heldOutItems, testRows, best, original{scores}, methods[{method,
/// status, detail, scores?, change?, seconds?, peakMemoryBytes?}]</c>; <c>deterministic</c> omits seconds and memory.
/// </summary>
public static class ComparisonJson
{
    public const int SchemaVersion = 1;

    public static string Render(ComparisonResult result, bool deterministic)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("model", result.Model);
            json.WriteString("editSet", result.EditSet);
            json.WriteNumber("repairItems", result.RepairItems);
            json.WriteNumber("heldOutItems", result.HeldOutItems);
            json.WriteNumber("testRows", result.TestRows);
            if (ComparisonRows.Best(result) is { } best) json.WriteString("best", best.Method);
            json.WritePropertyName("original");
            Scores(json, result.Original);
            json.WriteStartArray("methods");
            foreach (var m in result.Methods)
            {
                json.WriteStartObject();
                json.WriteString("method", m.Method);
                json.WriteString("status", JsonNamingPolicy.CamelCase.ConvertName(m.Status.ToString()));
                json.WriteString("detail", m.Detail);
                if (m.Scores is { } s)
                {
                    json.WritePropertyName("scores");
                    Scores(json, s);
                }
                if (m.Change is { } c)
                {
                    json.WriteStartObject("change");
                    json.WriteNumber("lInf", c.LInf);
                    json.WriteNumber("l1", c.L1);
                    json.WriteNumber("parameters", c.ParametersTouched);
                    json.WriteStartArray("layers");
                    foreach (var layer in c.Layers) json.WriteStringValue(layer);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                if (!deterministic)
                {
                    json.WriteNumber("seconds", m.Elapsed.TotalSeconds);
                    json.WriteNumber("peakMemoryBytes", m.PeakMemoryBytes);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Scores(Utf8JsonWriter json, ClassifierScores s)
    {
        json.WriteStartObject();
        json.WriteNumber("testAccuracy", s.TestAccuracy);
        json.WriteNumber("drawdown", s.Drawdown);
        json.WriteNumber("efficacy", s.Efficacy);
        json.WriteNumber("generalisation", s.Generalisation);
        json.WriteStartObject("confusion");
        json.WriteNumber("classes", s.Confusion.Classes);
        json.WriteStartArray("counts");
        foreach (var row in s.Confusion.Counts)
        {
            json.WriteStartArray();
            foreach (var n in row) json.WriteNumberValue(n);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
