using System.Globalization;
using System.Text.RegularExpressions;

namespace RepairGate.Core.Specs;

internal enum VariableKind
{
    /// <summary>X_i, a network input.</summary>
    Input,

    /// <summary>Y_j, a network output.</summary>
    Output,
}

/// <summary>A declared variable such as X_3 (Input, 3).</summary>
internal readonly record struct Variable(VariableKind Kind, int Index)
{
    public override string ToString() => $"{(Kind == VariableKind.Input ? "X" : "Y")}_{Index}";
}

/// <summary>The <c>declare-const</c> declarations of a file: names, their positions, and the index checks.</summary>
internal sealed partial class VariableTable(string sourcePath)
{
    private readonly Dictionary<string, (Variable Variable, SourcePosition Position)> _declared = new(StringComparer.Ordinal);

    /// <summary>Number of inputs X_0..X_{n-1}; valid after <see cref="EnsureContiguous"/>.</summary>
    public int InputCount => CountOf(VariableKind.Input);

    /// <summary>Number of outputs Y_0..Y_{m-1}; valid after <see cref="EnsureContiguous"/>.</summary>
    public int OutputCount => CountOf(VariableKind.Output);

    public void Declare(SSymbol name, SExpression sort)
    {
        if (_declared.TryGetValue(name.Text, out var earlier))
            throw name.Position.Error(sourcePath, $"duplicate declaration: {name.Text} is already declared at {earlier.Position}");
        var match = VariableName().Match(name.Text);
        if (!match.Success)
            throw name.Position.Error(sourcePath,
                $"variable '{name.Text}' must be named X_<n> (input) or Y_<n> (output), with n a non-negative integer without leading zeros");
        if (!int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            throw name.Position.Error(sourcePath, $"the index of variable '{name.Text}' is too large");
        if (sort is not SSymbol { Text: "Real" })
            throw sort.Position.Error(sourcePath, $"{name.Text} must be declared Real, not {sort}");
        var kind = match.Groups[1].Value == "X" ? VariableKind.Input : VariableKind.Output;
        _declared.Add(name.Text, (new Variable(kind, index), name.Position));
    }

    /// <summary>The declared variable named by <paramref name="symbol"/>.</summary>
    public Variable Resolve(SSymbol symbol) =>
        _declared.TryGetValue(symbol.Text, out var entry)
            ? entry.Variable
            : throw symbol.Position.Error(sourcePath, $"undeclared variable '{symbol.Text}' (declare-const must come before its use)");

    public SourcePosition PositionOf(Variable variable) => _declared[variable.ToString()].Position;

    /// <summary>Requires X_0..X_{n-1} and Y_0..Y_{m-1} without gaps, with at least one of each.</summary>
    public void EnsureContiguous()
    {
        foreach (var kind in new[] { VariableKind.Input, VariableKind.Output })
        {
            var declared = _declared.Values.Where(entry => entry.Variable.Kind == kind).OrderBy(entry => entry.Variable.Index).ToList();
            var prefix = kind == VariableKind.Input ? "X" : "Y";
            if (declared.Count == 0)
                throw new BadInputException($"no {prefix}_<n> variables are declared; a property needs inputs X_0.. and outputs Y_0..", sourcePath);
            for (var expected = 0; expected < declared.Count; expected++)
            {
                var (variable, position) = declared[expected];
                if (variable.Index != expected)
                    throw position.Error(sourcePath,
                        $"non-contiguous variable indices: {variable} is declared but {prefix}_{expected} is not (indices must run from {prefix}_0 without gaps)");
            }
        }
    }

    private int CountOf(VariableKind kind) => _declared.Values.Count(entry => entry.Variable.Kind == kind);

    [GeneratedRegex("^([XY])_(0|[1-9][0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();
}
