using System.Diagnostics;
using RepairGate.Core.Model;
using RepairGate.Core.Onnx;
using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Repair;

/// <summary>
/// Verify → harvest counterexamples → repair → re-verify every target and kept property with the sound verifier → add
/// what it finds → repeat, escalating through the catalog's engines when one fails or runs out of iterations.
/// Engines always start from the original network, with the growing edit set.
/// </summary>
public sealed class RepairLoop(EngineCatalog catalog, Action<string>? progress = null)
{
    private static readonly int NearMissFactor = 4;

    public async Task<RepairRun> RunAsync(Network original, IReadOnlyList<VnnProperty> targets, IReadOnlyList<VnnProperty> keep,
        RepairOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + options.Budget;
        foreach (var p in targets.Concat(keep)) p.EnsureMatches(original.InputSize, original.OutputSize, original.SourcePath);
        var plan = catalog.Plan(options.Engine);
        if (plan.Count == 0) throw new BadInputException($"unknown engine '{options.Engine}'; known: auto, {string.Join(", ", catalog.Names)}");
        int? requestedLayer = null;
        if (options.Layer is { } k)
            requestedLayer = RepairLayers.Resolve(original, k)
                ?? throw new BadInputException($"--layer {k} is out of range: the network has {RepairLayers.Affine(original).Count} affine layers");

        // 1. The original: which targets are violated, which kept properties hold.
        var originalChecks = new List<PropertyCheck>();
        using (var oracle = OnnxRuntimeOracle.For(original))
        {
            foreach (var p in targets) originalChecks.Add(Known(p, PropertyRole.Target, options) ?? await CheckAsync(original, oracle, p, PropertyRole.Target, options, deadline, cancellationToken));
            foreach (var p in keep.Where(p => !targets.Contains(p)))
                originalChecks.Add(Known(p, PropertyRole.Keep, options) ?? await CheckAsync(original, oracle, p, PropertyRole.Keep, options, deadline, cancellationToken));
        }
        var targetChecks = originalChecks.Where(c => c.Role == PropertyRole.Target).ToList();
        RepairRun End(RepairOutcome outcome, string detail, IReadOnlyList<RepairIteration>? iterations = null, IReadOnlyList<PropertyCheck>? final = null,
            Network? patched = null, RepairMetrics? metrics = null) =>
            new(outcome, detail, originalChecks, iterations ?? [], final ?? [], patched, metrics, clock.Elapsed);

        if (targetChecks.FirstOrDefault(c => c.Verdict is Verdict.Unknown or Verdict.Timeout) is { } undecided)
            return End(RepairOutcome.OriginalUnknown, $"{undecided.Property} could not be decided on the original network ({undecided.Verdict.ToResultWord()})");
        var violated = targets.Where((_, i) => targetChecks[i].Verdict == Verdict.Sat).ToList();
        if (violated.Count == 0) return End(RepairOutcome.AlreadyHolds, "every target property already holds; nothing to repair");
        var kept = keep.Where(p => !targets.Contains(p) && originalChecks.First(c => c.Property == p.Name && c.Role == PropertyRole.Keep).Verdict == Verdict.Unsat).ToList();

        // 2. Edit, preserve and test sets.
        var nearMiss = NearMissFactor * options.Margin;
        var edits = new List<RepairPoint>();
        for (var i = 0; i < targets.Count; i++)
        {
            if (targetChecks[i].Counterexample is not { } cex) continue;
            var anchor = cex.Input.Select(v => (double)v).ToArray();
            edits.Add(new RepairPoint(anchor, targets[i].Cases[cex.CaseIndex].UnsafeOutputs, $"{targets[i].Name} counterexample (verifier)"));
            edits.AddRange(options.Harvester.Harvest(original, targets[i], options.Seed, nearMiss, [anchor], cancellationToken));
        }
        var domain = options.Domain ?? [DomainSampler.BoundingBox(targets.Concat(keep))];
        var preserve = DomainSampler.Sample(domain, options.PreservePoints, options.Seed);
        Report($"{edits.Count} edit points from {violated.Count} violated propert{(violated.Count == 1 ? "y" : "ies")}, {preserve.Count} preserve points");

        // Whole violated boxes, for engines that can make regions safe by construction.
        RepairRegion[] regions = !options.UseRegions ? [] : violated.SelectMany(p => p.Cases.Select((c, i) => new RepairRegion(c.Input, c.UnsafeOutputs, $"{p.Name} case {i}"))).ToArray();

        // 3. Engines in escalation order.
        var iterations = new List<RepairIteration>();
        var followUp = options.Harvester with { MaxViolations = Math.Max(1, options.Harvester.MaxViolations / 3), MaxNearMisses = options.Harvester.MaxNearMisses / 3, Coverage = options.Harvester.Coverage / 3 };
        Network? lastCandidate = null;
        foreach (var entry in plan)
        {
            if (entry.Layers(original, requestedLayer) is not { } layers)
            {
                Report($"{entry.Name}: not applicable to this network{(requestedLayer is null ? "" : " and layer")}");
                continue;
            }
            var engine = entry.Create();
            var margin = options.Margin;
            for (var round = 0; round < options.MaxIterations; round++)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero) break;
                var problem = new RepairProblem(original, edits.ToArray(), preserve, layers, options.Norm, margin, options.MaxWeightChange, remaining, options.Seed);
                var attempt = engine is IRegionRepairEngine regional && regions.Length > 0
                    ? await regional.RepairAsync(problem, regions, cancellationToken)
                    : await engine.RepairAsync(problem, cancellationToken);
                Report($"{engine.Name} #{round + 1}: {attempt.Status.ToString().ToLowerInvariant()} with {edits.Count} edit points in {attempt.Elapsed.TotalSeconds:0.00} s: {attempt.Detail}");
                if (attempt.Status != RepairStatus.Repaired || attempt.Repaired is not { } candidate)
                {
                    iterations.Add(new RepairIteration(iterations.Count + 1, engine.Name, layers, edits.Count, margin, attempt, [], 0));
                    break;
                }
                lastCandidate = candidate;

                var regionLayer = engine is IRegionRepairEngine && regions.Length > 0 ? layers[0] : (int?)null;
                var (checks, added) = await ReverifyAsync(candidate, targets, kept, options, followUp, nearMiss, round, deadline, regionLayer, cancellationToken);
                edits.AddRange(added);
                iterations.Add(new RepairIteration(iterations.Count + 1, engine.Name, layers, problem.Edits.Count, margin, attempt, checks, added.Count));
                Report($"  re-verified: {iterations[^1].VerdictAfter}{(added.Count > 0 ? $"; {added.Count} new edit points" : "")}");
                if (checks.All(c => c.Verdict == Verdict.Unsat))
                {
                    var metrics = Measure(original, candidate, problem, options, targets, iterations, domain, cancellationToken);
                    return End(RepairOutcome.Proven, $"{engine.Name} repaired {string.Join(", ", violated.Select(p => p.Name))} in {iterations.Count} iteration(s); proven by the sound verifier",
                        iterations, checks, candidate, metrics);
                }
                // Undecided without a counterexample: ask for a wider clearance instead of repeating the same LP.
                if (added.Count == 0) margin *= 2;
            }
        }
        var lastMetrics = lastCandidate is null ? null
            : Measure(original, lastCandidate, new RepairProblem(original, edits, preserve, []), options, targets, iterations, domain, cancellationToken);
        var why = DateTime.UtcNow >= deadline ? $"the {options.Budget.TotalSeconds:0} s budget ran out" : "no engine produced a proven repair";
        var conflicts = iterations.LastOrDefault(i => i.Attempt.Conflicts.Count > 0)?.Attempt.Conflicts;
        return End(RepairOutcome.Failed, why + (conflicts is null ? "" : $"; conflicting edit points: {string.Join("; ", conflicts.Take(5))}"),
            iterations, [], null, lastMetrics);
    }

    /// <summary>Re-verifies targets, then (only when all targets hold) kept properties; returns the checks and new edit points.</summary>
    private async Task<(List<PropertyCheck> Checks, List<RepairPoint> Added)> ReverifyAsync(Network candidate, IReadOnlyList<VnnProperty> targets,
        IReadOnlyList<VnnProperty> kept, RepairOptions options, ViolationHarvester harvester, double nearMiss, int round, DateTime deadline,
        int? regionLayer, CancellationToken cancellationToken)
    {
        var checks = new List<PropertyCheck>();
        var added = new List<RepairPoint>();
        using var oracle = OnnxRuntimeOracle.For(candidate);
        foreach (var (group, role) in new[] { (targets, PropertyRole.Target), (kept, PropertyRole.Keep) })
        {
            foreach (var property in group)
            {
                var check = role == PropertyRole.Target && regionLayer is { } k
                    ? await RegionCheckAsync(candidate, k, property, options, deadline, cancellationToken) : null;
                check ??= await CheckAsync(candidate, oracle, property, role, options, deadline, cancellationToken);
                checks.Add(check);
                if (check.Counterexample is not { } cex) continue;
                var anchor = cex.Input.Select(v => (double)v).ToArray();
                added.Add(new RepairPoint(anchor, property.Cases[cex.CaseIndex].UnsafeOutputs, $"{property.Name} counterexample (re-verification {round + 1})"));
                added.AddRange(harvester.Harvest(candidate, property, options.Seed + round + 1, nearMiss, [anchor], cancellationToken)
                    .Select(p => p with { Origin = $"{p.Origin}, round {round + 1}" }));
            }
            if (checks.Any(c => c.Verdict != Verdict.Unsat)) break; // kept properties only matter once the targets hold
        }
        return (checks, added);
    }

    /// <summary>The region proof on the partition the region LP certified; null when it does not close (the verifier then decides).</summary>
    private async Task<PropertyCheck?> RegionCheckAsync(Network candidate, int layer, VnnProperty property, RepairOptions options, DateTime deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var until = DateTime.UtcNow + (options.VerifyTimeout < deadline - DateTime.UtcNow ? options.VerifyTimeout : deadline - DateTime.UtcNow);
        var open = await Task.Run(() => RegionProof.TryProve(candidate, layer, property, LastLayerLpEngine.DefaultBoxesPerRegion, 4 * LastLayerLpEngine.DefaultBoxesPerRegion, until, cancellationToken), cancellationToken);
        if (open is null) return new PropertyCheck(property.Name, PropertyRole.Target, Verdict.Unsat, clock.Elapsed, null, "region proof");
        Report($"  region proof of {property.Name} did not close ({open}); running the verifier");
        return null;
    }

    private static PropertyCheck? Known(VnnProperty property, PropertyRole role, RepairOptions options) =>
        options.OriginalResults?.TryGetValue(property, out var r) == true
            ? new PropertyCheck(property.Name, role, r.Verdict, r.Elapsed, r.Counterexample)
            : null;

    private static async Task<PropertyCheck> CheckAsync(Network network, IModelOracle oracle, VnnProperty property, PropertyRole role,
        RepairOptions options, DateTime deadline, CancellationToken cancellationToken)
    {
        var remaining = deadline - DateTime.UtcNow;
        var timeout = remaining < options.VerifyTimeout ? remaining : options.VerifyTimeout;
        if (timeout <= TimeSpan.Zero) return new PropertyCheck(property.Name, role, Verdict.Timeout, TimeSpan.Zero, null);
        var verification = new VerificationOptions { Timeout = timeout, Seed = options.Seed };
        var result = await Verifier.CreateDefault(verification).VerifyAsync(network, property, oracle, verification, cancellationToken);
        return new PropertyCheck(property.Name, role, result.Verdict, result.Elapsed, result.Counterexample);
    }

    private static RepairMetrics Measure(Network original, Network patched, RepairProblem problem, RepairOptions options,
        IReadOnlyList<VnnProperty> targets, IReadOnlyList<RepairIteration> iterations, IReadOnlyList<InputBox> domain, CancellationToken cancellationToken)
    {
        using var oracle = OnnxRuntimeOracle.For(patched);
        bool SafeInRuntime(RepairPoint p)
        {
            var y = oracle.Run(p.Input.Select(v => (float)v).ToArray()).Select(v => (double)v).ToArray();
            return EditTarget.Clearance(p, y) > 0;
        }
        // Generalisation: violating inputs of the original found with another seed and no anchors, never shown to an engine.
        var unseen = targets.SelectMany(t => (options.Harvester with { MaxNearMisses = 0, Coverage = 0 })
            .Harvest(original, t, options.Seed ^ 0x5EED, 0, null, cancellationToken)).ToList();
        var testDomain = options.TestDomain ?? domain;
        var test = DomainSampler.Sample(testDomain, options.TestPoints, options.Seed + 1);
        var solverSeconds = iterations.Sum(i => double.TryParse(i.Attempt.Solver.GetValueOrDefault("seconds"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0);
        return new RepairMetrics(problem.Edits.Count, problem.Edits.Count(SafeInRuntime), unseen.Count, unseen.Count(SafeInRuntime),
            RepairMeasure.Compare(original, patched, problem.Preserve), RepairMeasure.Compare(original, patched, test),
            RepairMeasure.Change(original, patched), solverSeconds);
    }

    private void Report(string line) => progress?.Invoke(line);
}
