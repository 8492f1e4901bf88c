namespace RepairGate.Core.Specs;

/// <summary>
/// Reads VNNLIB safety properties (the VNN-COMP subset of SMT-LIB): <c>declare-const</c> of X_i/Y_j Reals and
/// <c>assert</c>s over <c>and</c>, <c>or</c>, <c>&lt;=</c>, <c>&gt;=</c> and linear terms. The conjunction of the
/// assertions is the UNSAFE set. Every problem is reported as a <see cref="BadInputException"/> with file, line and column.
/// </summary>
public static class VnnLibParser
{
    /// <summary>Parses VNNLIB <paramref name="text"/>; <paramref name="sourcePath"/> is used in messages and as <see cref="VnnProperty.SourcePath"/>.</summary>
    public static VnnProperty Parse(string text, string sourcePath) => Parse(text, sourcePath, DnfExpander.DefaultMaxTerms);

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    public static VnnProperty Load(string path) => Parse(ReadText(path), path);

    /// <summary>Reads the file at <paramref name="path"/> asynchronously, then parses it.</summary>
    public static async Task<VnnProperty> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw ReadError(path, e);
        }
        return Parse(text, path);
    }

    /// <summary>Like <see cref="Parse(string, string)"/> with a chosen limit on disjunctive-normal-form terms (for tests).</summary>
    internal static VnnProperty Parse(string text, string sourcePath, int maxTerms)
    {
        var tokens = VnnLibTokenizer.Tokenize(text);
        var commands = SExpressionReader.ReadCommands(tokens, sourcePath);
        var script = FormulaBuilder.Build(commands, sourcePath);
        var terms = DnfExpander.Expand(script.Assertions, sourcePath, maxTerms);
        var cases = CaseGrouper.Group(terms, script.Variables, sourcePath);
        return new VnnProperty(sourcePath, script.Variables.InputCount, script.Variables.OutputCount, cases);
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw ReadError(path, e);
        }
    }

    private static bool IsReadFailure(Exception e) => e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;

    private static BadInputException ReadError(string path, Exception e) =>
        e is FileNotFoundException or DirectoryNotFoundException
            ? new BadInputException("file not found", path, inner: e)
            : new BadInputException($"cannot read the file: {e.Message}", path, inner: e);
}
