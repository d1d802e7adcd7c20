using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Functions.Metadefs;

namespace Glance.Functions.Tests.Metadefs;

/// <summary>
/// The metadef body checks against the served schemas, with jsonschema's words after Glance's prefix (the expected
/// messages are what python3-jsonschema's validate says for the same body and schema).
/// </summary>
public sealed class MetadefSchemaValidatorTests
{
    private static void Validate(string schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        MetadefSchemaValidator.Validate(schema, document.RootElement);
    }

    [Theory]
    [InlineData("""{}""", "'namespace' is a required property")]
    [InlineData("""{"namespace":5}""", "5 is not of type 'string'")]
    [InlineData("""{"namespace":"n","visibility":"shared"}""", "'shared' is not one of ['public', 'private']")]
    [InlineData("""{"namespace":"n","bogus":1}""", "Additional properties are not allowed ('bogus' was unexpected)")]
    [InlineData("""{"namespace":"n","protected":"yes"}""", "'yes' is not of type 'boolean'")]
    [InlineData("""{"namespace":"n","tags":"x"}""", "'x' is not of type 'array'")]
    [InlineData("""{"namespace":"n","tags":[{"name":5}]}""", "5 is not of type 'string'")]
    [InlineData("""{"namespace":"n","properties":{"a":{"type":"string"}}}""", "'title' is a required property")]
    [InlineData("""{"namespace":"n","properties":{"a":{"title":"A","type":"text"}}}""", "'text' is not one of ['array', 'boolean', 'integer', 'number', 'object', 'string', None]")]
    [InlineData("""{"namespace":"n","properties":{"a":{"title":"A","type":"array","items":{"type":"x"}}}}""", "'x' is not one of ['array', 'boolean', 'integer', 'number', 'object', 'string', None]")]
    [InlineData("""{"namespace":"n","properties":{"a":{"title":"A","type":"integer","maxLength":-1}}}""", "-1 is less than the minimum of 0")]
    [InlineData("""{"namespace":"n","properties":{"a":{"title":"A","type":"integer","minimum":"1"}}}""", "'1' is not of type 'number'")]
    [InlineData("""{"namespace":"n","objects":[{"name":"o","required":["x","x"]}]}""", "['x', 'x'] has non-unique elements")]
    // The type enum lists None, yet "type" must be a string first.
    [InlineData("""{"namespace":"n","properties":{"a":{"title":"A","type":null}}}""", "None is not of type 'string'")]
    // Two errors: jsonschema's best_match reports the shallower one.
    [InlineData("""{"namespace":"n","visibility":"shared","bogus":1}""", "Additional properties are not allowed ('bogus' was unexpected)")]
    public void Validate_Namespace_ReportsJsonschemasBestMatch(string body, string detail)
    {
        var error = Assert.Throws<GlanceException>(() => Validate("namespace", body));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        Assert.Equal("Provided object does not match schema 'namespace': " + detail, error.Message);
    }

    [Fact]
    public void Validate_TooLongName_QuotesTheValueAsPythonDoes()
    {
        var name = new string('n', 81);

        var error = Assert.Throws<GlanceException>(() => Validate("namespace", $$"""{"namespace":"{{name}}"}"""));

        Assert.EndsWith($"'{name}' is too long", error.Message);
    }

    [Fact]
    public void Validate_MaxLength_CountsCharactersNotUtf16Units()
    {
        // 80 four-byte characters: 160 UTF-16 units, still 80 characters for Python.
        Validate("namespace", $$"""{"namespace":"{{string.Concat(Enumerable.Repeat("😀", 80))}}"}""");
    }

    [Theory]
    [InlineData("""{"namespace":"n"}""")]
    [InlineData("""{"namespace":"n","description":"it's","visibility":"public","protected":true,"owner":"p"}""")]
    // jsonschema counts 1.0 as an integer.
    [InlineData("""{"namespace":"n","properties":{"a":{"title":"A","type":"integer","maxLength":1.0}}}""")]
    [InlineData("""{"namespace":"n","objects":[{"name":"o","required":["x"],"properties":{"x":{"title":"X","type":"string","enum":["a"]}}}],"resource_type_associations":[{"name":"r","prefix":"p_"}]}""")]
    public void Validate_ValidNamespace_Passes(string body) => Validate("namespace", body);

    [Fact]
    public void Validate_DescriptionQuotedWithApostrophe_UsesDoubleQuotesAsRepr()
    {
        var error = Assert.Throws<GlanceException>(() => Validate("namespace", """{"namespace":"it's","visibility":"it's"}"""));

        Assert.EndsWith("\"it's\" is not one of ['public', 'private']", error.Message);
    }

    [Theory]
    [InlineData("[]", "[]")]
    [InlineData("null", "None")]
    [InlineData("\"x\"", "'x'")]
    [InlineData("[{\"namespace\":\"n\"}]", "[{'namespace': 'n'}]")]
    public void Validate_BodyNotAnObject_Is400WhereZedAnswers500(string body, string repr)
    {
        var error = Assert.Throws<GlanceException>(() => Validate("namespace", body));

        Assert.Equal($"Provided object does not match schema 'namespace': {repr} is not of type 'object'", error.Message);
    }

    [Fact]
    public void Validate_UnknownSchema_IsAProgrammingError() =>
        Assert.Throws<ArgumentException>(() => Validate("nope", "{}"));
}
