using System.Globalization;
using System.Text.RegularExpressions;

namespace RepairGate.Core.Specs;

/// <summary>
/// Reads the arithmetic side of a comparison: numbers, declared variables, and the linear operators
/// <c>+</c>, <c>-</c>, <c>*</c> (at most one non-constant factor) and <c>/</c> (by a constant).
/// </summary>
internal sealed partial class TermReader(VariableTable variables, string sourcePath)
{
    public LinearExpression Read(SExpression term) => term switch
    {
        SSymbol symbol => ReadSymbol(symbol),
        SList list => ReadOperation(list),
        _ => throw new InvalidOperationException("unknown S-expression node"),
    };

    private LinearExpression ReadSymbol(SSymbol symbol)
    {
        if (NumberLike().IsMatch(symbol.Text)) return LinearExpression.Of(ParseNumber(symbol));
        return LinearExpression.Of(variables.Resolve(symbol));
    }

    private double ParseNumber(SSymbol symbol)
    {
        if (!Number().IsMatch(symbol.Text))
            throw symbol.Position.Error(sourcePath, $"malformed number '{symbol.Text}'");
        var value = double.Parse(symbol.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
            throw symbol.Position.Error(sourcePath, $"number '{symbol.Text}' is out of range");
        return value;
    }

    private LinearExpression ReadOperation(SList list)
    {
        var head = FormulaBuilder.RequireHead(list, "a term", sourcePath);
        var minimumOperands = head.Text switch
        {
            "+" or "-" or "*" => 1,
            "/" => 2,
            _ => throw head.Position.Error(sourcePath, $"unknown operator '{head.Text}' in a term (expected +, -, * or /)"),
        };
        FormulaBuilder.RequireOperands(list, minimumOperands, int.MaxValue, sourcePath);
        var operands = list.Arguments.Select(Read).ToList();
        return head.Text switch
        {
            "+" => operands.Skip(1).Aggregate(operands[0], (sum, next) => sum.Plus(next)),
            "-" when operands.Count == 1 => operands[0].Scaled(-1),
            "-" => operands.Skip(1).Aggregate(operands[0], (difference, next) => difference.Plus(next, -1)),
            "*" => Multiply(list, operands),
            _ => Divide(list, operands),
        };
    }

    private LinearExpression Multiply(SList list, List<LinearExpression> factors)
    {
        if (factors.Count(factor => !factor.IsConstant) > 1)
            throw list.Position.Error(sourcePath, "unsupported constraint: the product of variables is not linear");
        var variablePart = factors.FirstOrDefault(factor => !factor.IsConstant) ?? LinearExpression.Of(1);
        var scale = factors.Where(factor => factor != variablePart).Aggregate(1.0, (product, factor) => product * factor.Constant);
        return variablePart.Scaled(scale);
    }

    private LinearExpression Divide(SList list, List<LinearExpression> operands)
    {
        var quotient = operands[0];
        for (var k = 1; k < operands.Count; k++)
        {
            var divisor = operands[k];
            var at = list.Items[k + 1].Position;
            if (!divisor.IsConstant)
                throw at.Error(sourcePath, "unsupported constraint: division by a variable is not linear");
            if (divisor.Constant == 0)
                throw at.Error(sourcePath, "division by zero");
            quotient = quotient.DividedBy(divisor.Constant);
        }
        return quotient;
    }

    // Anything that starts like a number is read as one, so that '1.2.3' is reported as malformed, not as an unknown variable.
    [GeneratedRegex(@"^[+-]?\.?[0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex NumberLike();

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
