namespace RepairGate.Core.Specs;

/// <summary>
/// Turns DNF terms into property cases: the input bounds of a term form its box, its output constraints one unsafe
/// polytope, and terms with identical boxes share one case. Cases and polytopes keep first-appearance order.
/// </summary>
internal sealed class CaseGrouper
{
    private readonly string _sourcePath;
    private readonly VariableTable _variables;
    private readonly int _inputCount;
    private readonly int _outputCount;
    // The same atom object recurs in many terms; convert it once.
    private readonly Dictionary<OutputConstraintAtom, LinearConstraint> _constraints = new(ReferenceEqualityComparer.Instance);

    private CaseGrouper(VariableTable variables, string sourcePath)
    {
        _sourcePath = sourcePath;
        _variables = variables;
        _inputCount = variables.InputCount;
        _outputCount = variables.OutputCount;
    }

    public static List<PropertyCase> Group(IReadOnlyList<List<Atom>> terms, VariableTable variables, string sourcePath)
    {
        var grouper = new CaseGrouper(variables, sourcePath);
        var boxes = new List<InputBox>();
        var polytopesByBox = new Dictionary<InputBox, (List<OutputPolytope> List, HashSet<OutputPolytope> Seen)>(ValueEquality.Boxes);
        for (var t = 0; t < terms.Count; t++)
        {
            var box = grouper.BuildBox(terms[t], t, terms.Count);
            var polytope = grouper.BuildPolytope(terms[t]);
            if (!polytopesByBox.TryGetValue(box, out var entry))
            {
                entry = ([], new HashSet<OutputPolytope>(ValueEquality.Polytopes));
                polytopesByBox.Add(box, entry);
                boxes.Add(box);
            }
            if (entry.Seen.Add(polytope)) entry.List.Add(polytope);
        }
        return boxes.Select(box => new PropertyCase(box, polytopesByBox[box].List)).ToList();
    }

    private InputBox BuildBox(List<Atom> term, int termIndex, int termCount)
    {
        var lower = Enumerable.Repeat(double.NegativeInfinity, _inputCount).ToArray();
        var upper = Enumerable.Repeat(double.PositiveInfinity, _inputCount).ToArray();
        foreach (var bound in term.OfType<InputBoundAtom>())
        {
            var i = bound.Input;
            if (bound.IsUpper) upper[i] = Math.Min(upper[i], bound.Value);
            else lower[i] = Math.Max(lower[i], bound.Value);
            // Bounds only tighten, so the first atom that empties the box is the one to blame.
            if (lower[i] > upper[i])
                throw bound.Position.Error(_sourcePath,
                    $"empty input box: X_{i} has lower bound {LinearConstraint.Format(lower[i])} above upper bound {LinearConstraint.Format(upper[i])}{Where(termIndex, termCount)}");
        }
        for (var i = 0; i < _inputCount; i++)
        {
            var missing = double.IsNegativeInfinity(lower[i]) ? "lower" : double.IsPositiveInfinity(upper[i]) ? "upper" : null;
            if (missing is not null)
                throw _variables.PositionOf(new Variable(VariableKind.Input, i)).Error(_sourcePath,
                    $"X_{i} has no {missing} bound{Where(termIndex, termCount)}; every input needs finite lower and upper bounds");
        }
        return new InputBox(lower, upper);
    }

    private OutputPolytope BuildPolytope(List<Atom> term)
    {
        var constraints = new List<LinearConstraint>();
        foreach (var atom in term.OfType<OutputConstraintAtom>())
        {
            if (!_constraints.TryGetValue(atom, out var constraint))
            {
                constraint = atom.ToConstraint(_outputCount);
                _constraints.Add(atom, constraint);
            }
            // Repeating a constraint changes nothing but the printout.
            if (!constraints.Any(existing => existing.SameAs(constraint))) constraints.Add(constraint);
        }
        return new OutputPolytope(constraints);
    }

    private static string Where(int termIndex, int termCount) =>
        termCount == 1 ? "" : $" in disjunct {termIndex + 1} of {termCount} of the property's disjunctive normal form";
}
