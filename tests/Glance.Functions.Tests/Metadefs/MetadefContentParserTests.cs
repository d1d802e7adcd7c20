using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Domain.Metadefs;
using Glance.Functions.Metadefs;

namespace Glance.Functions.Tests.Metadefs;

/// <summary>The tag, object, property and association body and query parsers, with Glance's codes and words.</summary>
public sealed class MetadefContentParserTests
{
    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Query(params (string Key, string Value)[] pairs) =>
        pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList();

    [Theory]
    [InlineData("true", true)]
    [InlineData(" Yes ", true)]
    [InlineData("1", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("append", false)]
    [InlineData(null, false)]
    public void Append_ReadsOslosTrueWords(string? header, bool append) => Assert.Equal(append, TagRequestParser.Append(header));

    [Fact]
    public void Many_NamesInOrder() =>
        Assert.Equal(["b", "a"], TagRequestParser.Many(Json("""{"tags":[{"name":"b"},{"name":"a"}]}""")));

    [Theory]
    [InlineData("""{}""", "Provided object does not match schema 'tags': 'tags' is a required property")]
    [InlineData("""{"tags":[{"name":"a","x":1}]}""", "Provided object does not match schema 'tags': Additional properties are not allowed ('x' was unexpected)")]
    [InlineData("""{"tags":[{}]}""", "Provided object does not match schema 'tags': 'name' is a required property")]
    public void Many_BodyBreakingTheBulkSchema_Is400(string body, string message) =>
        Assert.Equal(message, Assert.Throws<GlanceException>(() => TagRequestParser.Many(Json(body))).Message);

    [Fact]
    public void Many_ReadOnlyAttribute_Is403() =>
        Assert.Equal(GlanceErrorKind.NotAllowed, Assert.Throws<GlanceException>(() => TagRequestParser.Many(Json("""{"tags":[],"updated_at":"x"}"""))).Kind);

    [Fact]
    public void Name_Over80Characters_Is400InTheTagSchemasWords()
    {
        var name = new string('t', 81);

        Assert.Equal($"Provided object does not match schema 'tag': '{name}' is too long", Assert.Throws<GlanceException>(() => TagRequestParser.Name(name)).Message);
    }

    [Fact]
    public void Property_EmptyRequired_IsTooShortAsJsonschemaSays() =>
        Assert.Equal("Provided object does not match schema 'property': [] is too short",
            Assert.Throws<GlanceException>(() => PropertyRequestParser.Parse(Json("""{"name":"x","title":"X","type":"object","required":[]}"""))).Message);

    [Fact]
    public void Property_Valid_KeepsTheBodyAsSent()
    {
        const string body = """{"name":"x","title":"X","type":"integer","minimum":1}""";

        Assert.Equal(new MetadefPropertyDefinition("x", body), PropertyRequestParser.Parse(Json(body)));
    }

    [Fact]
    public void Association_WithoutAName_QuotesTheSchemasOwnName() =>
        Assert.Equal("Provided object does not match schema 'resource_type_association': 'name' is a required property",
            Assert.Throws<GlanceException>(() => ResourceTypeRequestParser.Parse(Json("""{"prefix":"p"}"""))).Message);

    [Fact]
    public void Object_ReadOnlySelf_Is403BeforeTheSchema() =>
        Assert.Equal("Attribute 'self' is read-only.", Assert.Throws<GlanceException>(() => ObjectRequestParser.Parse(Json("""{"self":"x","bogus":1}"""))).Message);

    [Fact]
    public void ChildQuery_Defaults_NoLimitNewestFirst() =>
        Assert.Equal(new ChildListQuery(), ChildListQueryParser.Parse(Query()));

    [Fact]
    public void ChildQuery_LimitZero_IsZeroForTags() =>
        Assert.Equal(0, ChildListQueryParser.Parse(Query(("limit", "0"))).Limit);

    [Fact]
    public void ObjectQuery_LimitZero_IsNotPositive() =>
        Assert.Equal("limit param must be positive", Assert.Throws<GlanceException>(() => ChildListQueryParser.ParseForObjects(Query(("limit", "0")))).Message);

    [Fact]
    public void ObjectQuery_UnknownSortKey_IsIgnoredAsZedIgnoresIt() => ChildListQueryParser.ParseForObjects(Query(("sort_key", "bogus")));

    [Theory]
    [InlineData("sort_key", "id", "Invalid sort key: id. It must be one of the following: created_at, updated_at, name.")]
    [InlineData("sort_dir", "up", "Invalid sort direction: up")]
    [InlineData("visibility", "all", "Invalid visibility value: all")]
    [InlineData("limit", "x", "limit param must be an integer")]
    public void ChildQuery_BadParameter_Is400(string key, string value, string message) =>
        Assert.Equal(message, Assert.Throws<GlanceException>(() => ChildListQueryParser.Parse(Query((key, value)))).Message);
}
