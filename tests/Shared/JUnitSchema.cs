using System.Xml;
using System.Xml.Schema;

namespace RepairGate.Tests;

/// <summary>Validates JUnit XML against the common JUnit schema shape (tests/Shared/junit.xsd).</summary>
internal static class JUnitSchema
{
    /// <summary>The validation problems; empty when the file is valid.</summary>
    public static IReadOnlyList<string> Errors(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "junit.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return errors;
    }
}
