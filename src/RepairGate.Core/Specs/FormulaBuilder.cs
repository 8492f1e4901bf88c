namespace RepairGate.Core.Specs;

/// <summary>The declarations and assertions of a VNNLIB file.</summary>
internal sealed record VnnLibScript(VariableTable Variables, IReadOnlyList<Formula> Assertions);

/// <summary>
/// Interprets the S-expression commands: <c>declare-const</c> fills the variable table, and each <c>assert</c>
/// becomes an and/or tree whose comparisons are classified into input bounds and output constraints.
/// </summary>
internal sealed class FormulaBuilder
{
    // Commands that carry no constraint; accepted so files written for SMT solvers still load.
    private static readonly HashSet<string> IgnoredCommands =
        ["check-sat", "get-model", "exit", "set-logic", "set-info", "set-option"];

    private readonly string _sourcePath;
    private readonly VariableTable _variables;
    private readonly TermReader _terms;

    private FormulaBuilder(string sourcePath)
    {
        _sourcePath = sourcePath;
        _variables = new VariableTable(sourcePath);
        _terms = new TermReader(_variables, sourcePath);
    }

    public static VnnLibScript Build(IReadOnlyList<SList> commands, string sourcePath)
    {
        var builder = new FormulaBuilder(sourcePath);
        var assertions = new List<Formula>();
        foreach (var command in commands)
        {
            var head = RequireHead(command, "a command", sourcePath);
            switch (head.Text)
            {
                case "declare-const":
                    RequireOperands(command, 2, 2, sourcePath);
                    if (command.Items[1] is not SSymbol name)
                        throw command.Items[1].Position.Error(sourcePath, "expected a variable name after declare-const");
                    builder._variables.Declare(name, command.Items[2]);
                    break;
                case "assert":
                    RequireOperands(command, 1, 1, sourcePath);
                    assertions.Add(builder.ReadFormula(command.Items[1]));
                    break;
                default:
                    if (!IgnoredCommands.Contains(head.Text))
                        throw head.Position.Error(sourcePath, $"unknown command '{head.Text}' (expected declare-const or assert)");
                    break;
            }
        }
        builder._variables.EnsureContiguous();
        return new VnnLibScript(builder._variables, assertions);
    }

    /// <summary>The operator symbol that starts <paramref name="list"/>.</summary>
    public static SSymbol RequireHead(SList list, string expected, string sourcePath) => list.Head
        ?? throw (list.Items.Count == 0 ? list.Position : list.Items[0].Position)
            .Error(sourcePath, $"expected {expected} starting with an operator, but found {list}");

    /// <summary>Checks the operand count; a missing operand is reported at the closing parenthesis, an extra one where it starts.</summary>
    public static void RequireOperands(SList list, int minimum, int maximum, string sourcePath)
    {
        var name = list.Head!.Text;
        var expected = minimum == maximum ? $"{minimum}" : maximum == int.MaxValue ? $"at least {minimum}" : $"{minimum} to {maximum}";
        var noun = minimum == 1 && maximum is 1 or int.MaxValue ? "operand" : "operands";
        if (list.ArgumentCount < minimum)
            throw list.Close.Error(sourcePath, $"'{name}' takes {expected} {noun} but got {list.ArgumentCount}");
        if (list.ArgumentCount > maximum)
            throw list.Items[maximum + 1].Position.Error(sourcePath, $"'{name}' takes {expected} {noun} but got {list.ArgumentCount}");
    }

    private Formula ReadFormula(SExpression expression)
    {
        if (expression is not SList list)
            throw expression.Position.Error(_sourcePath, $"expected a formula such as (<= X_0 1) but found '{expression}'");
        var head = RequireHead(list, "a formula", _sourcePath);
        switch (head.Text)
        {
            case "and":
            case "or":
                RequireOperands(list, 1, int.MaxValue, _sourcePath);
                var operands = list.Arguments.Select(ReadFormula).ToList();
                return head.Text == "and" ? new AndFormula(operands, list.Position) : new OrFormula(operands, list.Position);
            case "<=":
            case ">=":
                RequireOperands(list, 2, 2, _sourcePath);
                return ReadComparison(list, head.Text == "<=");
            case "<" or ">":
                throw head.Position.Error(_sourcePath, $"unknown operator '{head.Text}' (only the non-strict comparisons <= and >= are supported)");
            default:
                throw head.Position.Error(_sourcePath, $"unknown operator '{head.Text}' (expected and, or, <= or >=)");
        }
    }

    private Atom ReadComparison(SList list, bool lessOrEqual)
    {
        var left = _terms.Read(list.Items[1]);
        var right = _terms.Read(list.Items[2]);
        // Normalise to "expression <= 0".
        var expression = lessOrEqual ? left.Plus(right, -1) : right.Plus(left, -1);
        var terms = expression.Terms.ToList();
        var inputs = terms.Where(term => term.Key.Kind == VariableKind.Input).ToList();
        var outputs = terms.Where(term => term.Key.Kind == VariableKind.Output).ToList();
        if (terms.Count == 0)
            throw list.Position.Error(_sourcePath, $"unsupported constraint {list}: it involves no variable");
        if (inputs.Count > 0 && outputs.Count > 0)
            throw list.Position.Error(_sourcePath,
                $"unsupported constraint {list}: it mixes inputs and outputs; inputs may only have simple bounds such as (<= X_0 1)");
        if (inputs.Count > 1)
            throw list.Position.Error(_sourcePath,
                $"unsupported constraint {list}: it relates several inputs; inputs may only have simple bounds such as (<= X_0 1)");

        // Subtracting from zero keeps a zero bound from printing as "-0".
        var bound = 0.0 - expression.Constant;
        if (inputs.Count == 1)
        {
            var (variable, coefficient) = inputs[0];
            return new InputBoundAtom(variable.Index, coefficient > 0, bound / coefficient + 0.0, list.Position);
        }
        var sparse = outputs.Select(term => (term.Key.Index, term.Value)).OrderBy(term => term.Index).ToList();
        return new OutputConstraintAtom(sparse, bound, list.Position);
    }
}
