namespace RepairGate.Core.Specs;

/// <summary>
/// Rewrites the conjunction of all assertions into disjunctive normal form: a list of terms, each a conjunction
/// of atoms. Terms come out in source order (the first operand's terms first), so the result is deterministic.
/// </summary>
internal static class DnfExpander
{
    /// <summary>Upper limit on the number of terms; beyond it the expansion would exhaust memory or time.</summary>
    public const int DefaultMaxTerms = 100_000;

    public static List<List<Atom>> Expand(IReadOnlyList<Formula> assertions, string sourcePath, int maxTerms = DefaultMaxTerms)
    {
        // Count first so an oversized property fails fast instead of after allocating millions of terms.
        long total = 1;
        foreach (var assertion in assertions)
        {
            total = SaturatingProduct(total, CountTerms(assertion, maxTerms), maxTerms);
            if (total > maxTerms)
                throw assertion.Position.Error(sourcePath,
                    $"the property has more than {maxTerms} disjuncts in disjunctive normal form (reached at this assertion); split it into smaller properties");
        }
        return Expand(new AndFormula(assertions, default));
    }

    private static List<List<Atom>> Expand(Formula formula) => formula switch
    {
        Atom atom => [[atom]],
        OrFormula or => or.Operands.SelectMany(Expand).ToList(),
        AndFormula and => and.Operands.Aggregate(new List<List<Atom>> { new() }, (terms, operand) => Product(terms, Expand(operand))),
        _ => throw new InvalidOperationException($"unknown formula {formula.GetType().Name}"),
    };

    /// <summary>Every term of <paramref name="left"/> joined with every term of <paramref name="right"/>.</summary>
    private static List<List<Atom>> Product(List<List<Atom>> left, List<List<Atom>> right)
    {
        var result = new List<List<Atom>>(left.Count * right.Count);
        foreach (var first in left)
        {
            foreach (var second in right) result.Add([.. first, .. second]);
        }
        return result;
    }

    /// <summary>The number of DNF terms of <paramref name="formula"/>, or some value above <paramref name="cap"/>.</summary>
    private static long CountTerms(Formula formula, int cap) => formula switch
    {
        Atom => 1,
        OrFormula or => Math.Min(or.Operands.Sum(operand => CountTerms(operand, cap)), cap + 1L),
        AndFormula and => and.Operands.Aggregate(1L, (product, operand) => SaturatingProduct(product, CountTerms(operand, cap), cap)),
        _ => throw new InvalidOperationException($"unknown formula {formula.GetType().Name}"),
    };

    private static long SaturatingProduct(long a, long b, int cap) => Math.Min(a * b, cap + 1L);
}
