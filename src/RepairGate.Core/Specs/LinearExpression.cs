namespace RepairGate.Core.Specs;

/// <summary><c>sum Coefficients[v]*v + Constant</c>: the value of a VNNLIB term, kept linear on purpose.</summary>
internal sealed class LinearExpression
{
    private readonly Dictionary<Variable, double> _coefficients = [];

    private LinearExpression(double constant) => Constant = constant;

    public double Constant { get; private set; }

    /// <summary>Variables with a non-zero coefficient, in first-appearance order.</summary>
    public IEnumerable<KeyValuePair<Variable, double>> Terms => _coefficients.Where(term => term.Value != 0);

    public bool IsConstant => !Terms.Any();

    public static LinearExpression Of(double constant) => new(constant);

    public static LinearExpression Of(Variable variable)
    {
        var expression = new LinearExpression(0);
        expression._coefficients[variable] = 1;
        return expression;
    }

    /// <summary><c>this + factor * other</c> as a new expression.</summary>
    public LinearExpression Plus(LinearExpression other, double factor = 1)
    {
        var sum = Scaled(1);
        sum.Constant += factor * other.Constant;
        foreach (var (variable, coefficient) in other._coefficients)
            sum._coefficients[variable] = sum._coefficients.GetValueOrDefault(variable) + factor * coefficient;
        return sum;
    }

    public LinearExpression Scaled(double factor)
    {
        var scaled = new LinearExpression(factor * Constant);
        foreach (var (variable, coefficient) in _coefficients) scaled._coefficients[variable] = factor * coefficient;
        return scaled;
    }

    /// <summary>Divides every coefficient exactly (multiplying by the reciprocal would round twice).</summary>
    public LinearExpression DividedBy(double divisor)
    {
        var quotient = new LinearExpression(Constant / divisor);
        foreach (var (variable, coefficient) in _coefficients) quotient._coefficients[variable] = coefficient / divisor;
        return quotient;
    }
}
