using RepairGate.Core.Data;
using RepairGate.Core.EditSets;
using RepairGate.Core.Model;
using RepairGate.Core.Repair;

namespace RepairGate.Core.Comparison;

/// <summary>Settings shared by every method of a comparison.</summary>
/// <param name="TimeLimit">Budget per method.</param>
/// <param name="Norm">Weight-change norm the LP/MILP engines minimise.</param>
/// <param name="Margin">Logit margin each edit point must clear.</param>
/// <param name="Layer">Affine layer to repair (0 first, -1 last) or null for each engine's default.</param>
/// <param name="PreservePoints">Rows of the preserve data given to the engines.</param>
/// <param name="Seed">Seed for everything randomised.</param>
/// <param name="RegionTimeLimit">Verifier budget per region item when scoring (and per property in the repair loop); null: 10 s.</param>
public sealed record ComparisonOptions(TimeSpan TimeLimit, WeightNorm Norm = WeightNorm.LInf, double Margin = 1e-2, int? Layer = null,
    int PreservePoints = 1000, int Seed = 20261123, TimeSpan? RegionTimeLimit = null);

/// <summary>One repair problem for every method: the model, the split edit set, the test rows for drawdown and the preserve rows.</summary>
/// <param name="Model">The model to repair (never modified).</param>
/// <param name="ModelName">Its name for reports.</param>
/// <param name="Edits">The split edit set.</param>
/// <param name="Test">Rows behind accuracy and drawdown (disjoint from the edit set).</param>
/// <param name="Preserve">Rows whose behaviour the engines should keep (e.g. training rows).</param>
/// <param name="Methods">Engine names, in table order (empty: only evaluate the original).</param>
/// <param name="Options">Shared settings.</param>
public sealed record ComparisonSetup(Network Model, string ModelName, EditSplit Edits, LabelledData Test, LabelledData Preserve,
    IReadOnlyList<string> Methods, ComparisonOptions Options);
