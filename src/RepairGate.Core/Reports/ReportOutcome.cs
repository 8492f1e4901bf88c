using RepairGate.Core.Verification;

namespace RepairGate.Core.Reports;

/// <summary>The overall result of a report, as a gate sees it.</summary>
public enum Outcome
{
    /// <summary>Every property holds and every repair succeeded.</summary>
    Holds,

    /// <summary>Some property is violated (or a repair did not make the model safe).</summary>
    Violated,

    /// <summary>Nothing violated, but some property has no verdict (unknown, timeout).</summary>
    Undecided,
}

/// <summary>Counts and the worst outcome of a report.</summary>
public sealed record ReportSummary(int Models, int Properties, int Holds, int Violated, int Unknown, int Timeout, int Repairs, int RepairsSucceeded)
{
    /// <summary>Violated beats undecided beats holds: a definite violation is the most important news.</summary>
    public Outcome Outcome =>
        Violated > 0 || Repairs > RepairsSucceeded ? Outcome.Violated
        : Unknown + Timeout > 0 ? Outcome.Undecided
        : Outcome.Holds;

    /// <summary>One line: e.g. "3 properties on 2 models: 2 hold, 1 violated".</summary>
    public string Headline
    {
        get
        {
            var parts = new List<string> { $"{Holds} hold", $"{Violated} violated" };
            if (Unknown > 0) parts.Add($"{Unknown} unknown");
            if (Timeout > 0) parts.Add($"{Timeout} timeout");
            var text = $"{Plural(Properties, "property", "properties")} on {Plural(Models, "model", "models")}: {string.Join(", ", parts)}";
            if (Repairs > 0) text += $"; {Plural(Repairs, "repair", "repairs")}, {RepairsSucceeded} succeeded";
            return text;
        }
    }

    public static ReportSummary Of(RunReport report)
    {
        var verdicts = report.AllProperties.Select(p => p.Property.Verdict).ToList();
        return new ReportSummary(report.Models.Count, verdicts.Count,
            verdicts.Count(v => v == Verdict.Unsat), verdicts.Count(v => v == Verdict.Sat),
            verdicts.Count(v => v == Verdict.Unknown), verdicts.Count(v => v == Verdict.Timeout),
            report.Repairs.Count, report.Repairs.Count(r => r.Succeeded));
    }

    private static string Plural(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
