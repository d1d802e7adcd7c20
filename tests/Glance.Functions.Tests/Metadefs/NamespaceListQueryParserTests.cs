using Glance.Domain;
using Glance.Domain.Errors;
using Glance.Domain.Metadefs;
using Glance.Functions.Metadefs;

namespace Glance.Functions.Tests.Metadefs;

/// <summary>GET /v2/metadefs/namespaces's query, read as Glance's RequestDeserializer.index, with its messages.</summary>
public sealed class NamespaceListQueryParserTests
{
    private static readonly ImageServiceOptions Options = new() { LimitParamDefault = 25, ApiLimitMax = 1000 };

    private static NamespaceListQuery Parse(params (string Key, string Value)[] pairs) =>
        NamespaceListQueryParser.Parse(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList(), Options);

    private static GlanceException Refused(params (string Key, string Value)[] pairs)
    {
        var error = Assert.Throws<GlanceException>(() => Parse(pairs));
        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        return error;
    }

    [Fact]
    public void Parse_Nothing_GivesGlancesDefaults()
    {
        var query = Parse();

        Assert.Equal(new NamespaceListQuery(25, null, NamespaceSortKey.CreatedAt, Ascending: false, null, null), query);
    }

    [Fact]
    public void Parse_EveryParameter_IsRead()
    {
        var query = Parse(("limit", "3"), ("marker", "m"), ("sort_key", "display_name"), ("sort_dir", "asc"), ("visibility", "public"), ("resource_types", "A,B"));

        Assert.Equal((3, "m", NamespaceSortKey.DisplayName, true, "public"), (query.Limit, query.Marker, query.SortKey, query.Ascending, query.Visibility));
        Assert.Equal(["A", "B"], query.ResourceTypes);
    }

    [Fact]
    public void Parse_RepeatedParameter_KeepsTheLast() =>
        Assert.Equal(7, Parse(("limit", "3"), ("limit", "7")).Limit);

    [Fact]
    public void Parse_LimitAboveTheMaximum_IsCapped() =>
        Assert.Equal(1000, Parse(("limit", "5000")).Limit);

    [Fact]
    public void Parse_LimitZero_IsAllowed() =>
        Assert.Equal(0, Parse(("limit", "0")).Limit);

    [Theory]
    [InlineData("x")]
    [InlineData("1.5")]
    [InlineData("")]
    public void Parse_LimitNotAnInteger_Is400(string limit) =>
        Assert.Equal("limit param must be an integer", Refused(("limit", limit)).Message);

    [Fact]
    public void Parse_NegativeLimit_Is400() =>
        Assert.Equal("limit param must be positive", Refused(("limit", "-1")).Message);

    [Fact]
    public void Parse_HugeLimit_IsCappedNotOverflowed() =>
        Assert.Equal(1000, Parse(("limit", "99999999999999")).Limit);

    [Fact]
    public void Parse_UnknownSortDir_Is400InGlancesWords() =>
        Assert.Equal("Invalid sort direction: up", Refused(("sort_dir", "up")).Message);

    [Fact]
    public void Parse_UnknownSortKey_Is400NamingTheKeys() =>
        Assert.StartsWith("Invalid sort key: size. It must be one of the following: created_at, updated_at, namespace", Refused(("sort_key", "size")).Message);

    [Fact]
    public void Parse_UnknownVisibility_Is400InGlancesWords() =>
        Assert.Equal("Invalid visibility value: all", Refused(("visibility", "all")).Message);

    [Fact]
    public void Parse_EmptyVisibility_IsIgnored() =>
        Assert.Null(Parse(("visibility", "")).Visibility);
}
