using RepairGate.Core;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Cli.Gate;

/// <summary>
/// Gates one model: verifies each property, repairs violations when asked (through <see cref="IGateRepairer"/>),
/// re-verifies the repaired model, writes the patched model and reports atomically, and prints one canonical
/// diagnostic line per finding for the MSBuild task. Returns a <see cref="ExitCodes"/> value.
/// </summary>
internal sealed class GateRunner(GateSettings settings, TextWriter output, IGateRepairer repairer)
{
    private readonly List<GateDiagnostic> _diagnostics = [];
    private readonly string _modelName = Path.GetFileName(settings.ModelPath);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        string[] inputs = [settings.ModelPath, .. settings.PropertyPaths];
        if (settings.PatchedModelPath is { } patched)
        {
            AtomicFile.EnsureNotAnInput(patched, inputs);
            // A patched model from an earlier run must not survive a run that fails or is cancelled.
            if (File.Exists(patched)) File.Delete(patched);
        }
        var reports = new GateReports(settings.ReportDirectory, inputs, settings.Seed);

        Network network;
        try
        {
            network = await ModelFiles.LoadAsync(settings.ModelPath, cancellationToken);
        }
        catch (BadInputException e)
        {
            Emit(BadInput(e, settings.ModelPath));
            return ExitCodes.BadInput;
        }

        var properties = new List<VnnProperty>();
        var violations = new List<GateViolation>();
        var results = new Dictionary<VnnProperty, VerificationResult>();
        var badInput = false;
        using (var oracle = OnnxRuntimeOracle.For(network))
        {
            foreach (var path in settings.PropertyPaths)
            {
                cancellationToken.ThrowIfCancellationRequested();
                VnnProperty property;
                try
                {
                    property = await VnnLibParser.LoadAsync(path, cancellationToken);
                    property.EnsureMatches(network.InputSize, network.OutputSize, settings.ModelPath);
                }
                catch (BadInputException e)
                {
                    Emit(BadInput(e, path));
                    badInput = true;
                    continue;
                }
                properties.Add(property);
                var result = await VerifyAsync(network, property, oracle, cancellationToken);
                results[property] = result;
                await reports.AddAsync(settings.ModelPath, network, property, result, settings.Timeout.TotalSeconds, cancellationToken);
                if (result.Verdict == Verdict.Sat && settings.Repair)
                {
                    violations.Add(new GateViolation(property, result.Counterexample!));
                    Say($"{_modelName}: {property.Name} is violated; queued for repair ({GateText.Counterexample(result.Counterexample!, property)})");
                }
                else
                {
                    Report(property, result, settings.FailOn.ForViolation());
                }
            }
        }
        if (badInput) return ExitCodes.BadInput;

        if (settings.Repair) await RepairAsync(network, properties, violations, results, reports, cancellationToken);
        await reports.WriteAsync(settings.ModelPath, cancellationToken);
        return ExitCode();
    }

    private Task<VerificationResult> VerifyAsync(Network network, VnnProperty property, IModelOracle oracle, CancellationToken cancellationToken)
    {
        var options = new VerificationOptions { Timeout = settings.Timeout, Seed = settings.Seed };
        return Verifier.CreateDefault(options).VerifyAsync(network, property, oracle, options, cancellationToken);
    }

    /// <summary>One verdict as a log line or diagnostic; <paramref name="violationSeverity"/> says how a violation counts.</summary>
    private void Report(VnnProperty property, VerificationResult result, GateSeverity violationSeverity, string model = "")
    {
        var subject = model.Length > 0 ? model : _modelName;
        switch (result.Verdict)
        {
            case Verdict.Unsat:
                Say($"{subject}: {property.Name} holds: {result.Detail} ({GateText.Seconds(result.Elapsed)})");
                break;
            case Verdict.Sat:
                Emit(new GateDiagnostic(violationSeverity, GateCodes.Violated, property.SourcePath, 1, 1,
                    $"{subject} violates {property.Name}: {GateText.Counterexample(result.Counterexample!, property)}"));
                break;
            default:
                Emit(new GateDiagnostic(settings.FailOn.ForNoVerdict(), GateCodes.NoVerdict, property.SourcePath, 1, 1,
                    $"{subject}: no verdict for {property.Name} ({result.Verdict.ToResultWord()}): {result.Detail}; raise Timeout or set RepairGateFailOn"));
                break;
        }
    }

    private async Task RepairAsync(Network network, IReadOnlyList<VnnProperty> properties, IReadOnlyList<GateViolation> violations,
        IReadOnlyDictionary<VnnProperty, VerificationResult> results, GateReports reports, CancellationToken cancellationToken)
    {
        var patched = settings.PatchedModelPath ?? throw new BadInputException("--patched-out is required with --repair");
        if (violations.Count == 0)
        {
            // Nothing to repair: the gated model is the original; the app loads the same file name either way.
            await AtomicFile.WriteAllBytesAsync(patched, await File.ReadAllBytesAsync(settings.ModelPath, cancellationToken), [settings.ModelPath], cancellationToken);
            Say($"{_modelName}: no repair needed; {patched} is an unchanged copy");
            return;
        }

        if (!repairer.IsAvailable)
        {
            ReportUnrepaired(violations);
            Emit(new GateDiagnostic(GateSeverity.Error, GateCodes.RepairUnavailable, settings.ModelPath, 0, 0,
                $"{_modelName} violates {Names(violations)} and Repair=\"true\" was requested, but repair is not available in this build of RepairGate; " +
                "set Repair=\"false\" (or RepairGateRepair=false) to report the violations only"));
            return;
        }

        var request = new GateRepairRequest(network, violations, properties, settings.RepairEngine, settings.MaxDrawdown, settings.Timeout, settings.Seed, settings.DecisionIsArgmin, results);
        var result = await repairer.RepairAsync(request, cancellationToken);
        if (result.Report is { } repairReport) await reports.SetRepairAsync(repairReport, null, cancellationToken);
        if (result.Repaired is not { } repaired)
        {
            ReportUnrepaired(violations);
            Emit(new GateDiagnostic(GateSeverity.Error, GateCodes.RepairFailed, settings.ModelPath, 0, 0, $"{_modelName}: repair failed: {result.Detail}"));
            return;
        }

        if (!await ReverifyAsync(repaired, properties, violations, result.ProvenProperties, reports, cancellationToken)) return;
        var drawdown = 1 - result.Fidelity;
        if (drawdown > settings.MaxDrawdown)
        {
            Emit(new GateDiagnostic(GateSeverity.Error, GateCodes.RepairFailed, settings.ModelPath, 0, 0,
                $"{_modelName}: the repair changes {GateText.Percent(drawdown)} of decisions, more than MaxDrawdown {GateText.Percent(settings.MaxDrawdown)} ({result.Detail})"));
            return;
        }

        await OnnxModelWriter.SaveAsync(repaired, patched, cancellationToken);
        if (result.Report is { } written) await reports.SetRepairAsync(written, patched, cancellationToken);
        Emit(new GateDiagnostic(GateSeverity.Warning, GateCodes.Repaired, settings.ModelPath, 0, 0,
            $"{_modelName} repaired: {Names(violations)} now hold{(violations.Count == 1 ? "s" : "")} (re-verified with every property); weight change {result.WeightChange}; " +
            $"fidelity {GateText.Percent(result.Fidelity)} (MaxDrawdown {GateText.Percent(settings.MaxDrawdown)}); {result.Detail}; patched model {patched}"));
    }

    /// <summary>Every property must hold on the repaired model; the ones repaired must be proven, not just unrefuted.</summary>
    private async Task<bool> ReverifyAsync(Network repaired, IReadOnlyList<VnnProperty> properties, IReadOnlyList<GateViolation> violations,
        IReadOnlyList<string> provenByRepairer, GateReports reports, CancellationToken cancellationToken)
    {
        var ok = true;
        using var oracle = OnnxRuntimeOracle.For(repaired);
        foreach (var property in properties)
        {
            var result = await VerifyAsync(repaired, property, oracle, cancellationToken);
            await reports.AddAsync(settings.PatchedModelPath!, repaired, property, result, settings.Timeout.TotalSeconds, cancellationToken);
            var wasViolated = violations.Any(v => ReferenceEquals(v.Property, property));
            // A sound proof from the repairer (e.g. on its region partition) stands in for a verifier that ran out of time.
            var provenElsewhere = result.Verdict is Verdict.Unknown or Verdict.Timeout && provenByRepairer.Contains(property.Name);
            if (provenElsewhere)
                Say($"{_modelName} (repaired): {property.Name} holds: proven by the repair's own region proof (the general verifier: {result.Verdict.ToResultWord()})");
            if (result.Verdict == Verdict.Sat || (wasViolated && result.Verdict != Verdict.Unsat && !provenElsewhere))
            {
                ok = false;
                var why = result.Counterexample is { } cex ? GateText.Counterexample(cex, property) : $"{result.Verdict.ToResultWord()}: {result.Detail}";
                Emit(new GateDiagnostic(GateSeverity.Error, GateCodes.RepairFailed, property.SourcePath, 1, 1,
                    $"{_modelName}: the repaired model does not satisfy {property.Name}: {why}"));
            }
            else if (!provenElsewhere)
            {
                Report(property, result, GateSeverity.Error, $"{_modelName} (repaired)");
            }
        }
        return ok;
    }

    private void ReportUnrepaired(IEnumerable<GateViolation> violations)
    {
        foreach (var v in violations)
            Emit(new GateDiagnostic(GateSeverity.Error, GateCodes.Violated, v.Property.SourcePath, 1, 1,
                $"{_modelName} violates {v.Property.Name}: {GateText.Counterexample(v.Counterexample, v.Property)}"));
    }

    private int ExitCode()
    {
        var errors = _diagnostics.Where(d => d.Severity == GateSeverity.Error).ToList();
        if (errors.Count == 0) return ExitCodes.Holds;
        return errors.All(d => d.Code == GateCodes.NoVerdict) ? ExitCodes.Unknown : ExitCodes.Violated;
    }

    private static GateDiagnostic BadInput(BadInputException e, string fallbackFile) =>
        new(GateSeverity.Error, GateCodes.BadInput, e.File ?? fallbackFile, e.Line, e.Column, e.Reason);

    private static string Names(IEnumerable<GateViolation> violations) => string.Join(", ", violations.Select(v => v.Property.Name));

    private void Emit(GateDiagnostic diagnostic)
    {
        _diagnostics.Add(diagnostic);
        output.WriteLine(diagnostic.ToString());
    }

    private void Say(string line) => output.WriteLine(line);
}
