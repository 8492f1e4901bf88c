using System.Globalization;
using System.Text;
using System.Xml;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Reports;

/// <summary>
/// The JUnit XML rendering CI systems show natively: one testsuite per model, one testcase per property (failure =
/// violated, with the counterexample; error = unknown or timeout), and one testsuite per repaired model.
/// <c>time</c> attributes appear only when the report has timing.
/// </summary>
public static class JUnitReport
{
    public static string Render(RunReport report)
    {
        var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            var summary = ReportSummary.Of(report);
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "RepairGate");
            Counts(xml, summary.Properties + summary.Repairs, summary.Violated + summary.Repairs - summary.RepairsSucceeded, summary.Unknown + summary.Timeout);
            Time(xml, report.Timing?.Seconds);
            foreach (var model in report.Models) ModelSuite(xml, report, model);
            foreach (var group in report.Repairs.GroupBy(r => r.Model)) RepairSuite(xml, group.Key, group.ToList());
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void ModelSuite(XmlWriter xml, RunReport report, ModelReport model)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", model.Path);
        Counts(xml, model.Properties.Count, model.Properties.Count(p => p.Verdict == Verdict.Sat), model.Properties.Count(p => p.Verdict is Verdict.Unknown or Verdict.Timeout));
        Time(xml, model.Properties.All(p => p.Timing is not null) && report.Timing is not null ? model.Properties.Sum(p => p.Timing!.Seconds) : null);
        xml.WriteStartElement("properties");
        Property(xml, "model.sha256", model.Sha256);
        Property(xml, "seed", report.Environment.Seed.ToString(CultureInfo.InvariantCulture));
        Property(xml, "tool", report.Environment.Tool);
        xml.WriteEndElement();
        foreach (var property in model.Properties)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", property.Name);
            xml.WriteAttributeString("classname", model.Name);
            Time(xml, property.Timing?.Seconds);
            switch (property.Verdict)
            {
                case Verdict.Sat:
                    Problem(xml, "failure", "violated", $"{property.Name} is violated on {model.Name}: {property.Counterexample?.ViolatedConstraint}",
                        property.Counterexample is { } cex ? ReportText.Counterexample(cex) : property.Detail);
                    break;
                case Verdict.Unknown or Verdict.Timeout:
                    Problem(xml, "error", ReportText.Meaning(property.Verdict), $"{property.Name} has no verdict: {property.Detail}", property.Detail);
                    break;
            }
            xml.WriteElementString("system-out",
                $"{property.Verdict.ToResultWord()}: {property.Detail}\nproperty: {property.Path} (sha256 {property.Sha256})\nbudget: {ReportText.Number(property.BudgetSeconds)} s\nstatistics: {ReportText.Statistics(property.Statistics)}");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void RepairSuite(XmlWriter xml, string model, IReadOnlyList<RepairReport> repairs)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", $"repair {model}");
        Counts(xml, repairs.Count, repairs.Count(r => !r.Succeeded), 0);
        Time(xml, repairs.All(r => r.Timing is not null) ? repairs.Sum(r => r.Timing!.Seconds) : null);
        foreach (var repair in repairs)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", repair.Engine);
            xml.WriteAttributeString("classname", "repair." + Path.GetFileNameWithoutExtension(model));
            Time(xml, repair.Timing?.Seconds);
            var text = RepairText(repair);
            if (!repair.Succeeded)
                Problem(xml, "failure", repair.Status, $"repair by {repair.Engine} did not make the model safe: {repair.Detail}", text);
            xml.WriteElementString("system-out", text);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static string RepairText(RepairReport r) =>
        $"{r.Status}: {r.Detail}\nlayers: {string.Join(", ", r.Layers)}\nweight change: L-inf {ReportText.Number(r.WeightChange.LInf)}, L1 {ReportText.Number(r.WeightChange.L1)}, {r.WeightChange.Count} values\n"
        + $"efficacy {ReportText.Percent(r.Efficacy)}, drawdown {ReportText.Percent(r.Drawdown)}, generalisation {ReportText.Percent(r.Generalisation)}, iterations {r.Iterations.Count}\n"
        + $"final verdict: {r.FinalVerdict?.ToResultWord() ?? "not re-verified"}";

    private static void Counts(XmlWriter xml, int tests, int failures, int errors)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", errors.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", "0");
    }

    private static void Time(XmlWriter xml, double? seconds)
    {
        if (seconds is { } s) xml.WriteAttributeString("time", s.ToString("0.000", CultureInfo.InvariantCulture));
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private static void Problem(XmlWriter xml, string element, string type, string message, string text)
    {
        xml.WriteStartElement(element);
        xml.WriteAttributeString("message", message);
        xml.WriteAttributeString("type", type);
        xml.WriteString(text);
        xml.WriteEndElement();
    }
}
