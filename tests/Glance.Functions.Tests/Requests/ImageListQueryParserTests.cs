using Glance.Domain;
using Glance.Domain.Errors;
using Glance.Domain.Listing;
using Glance.Functions.Requests;

namespace Glance.Functions.Tests.Requests;

public sealed class ImageListQueryParserTests
{
    private static ImageListQuery Parse(params (string Key, string Value)[] query) =>
        ImageListQueryParser.Parse(query.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)).ToList(), new ImageServiceOptions());

    [Fact]
    public void Parse_Nothing_GivesGlanceDefaults()
    {
        var query = Parse();

        Assert.Equal(25, query.Limit);
        Assert.Null(query.Marker);
        Assert.Equal([new SortKey("created_at", true), new SortKey("id", true)], query.Sort);
        Assert.True(query.IsDefaultOrder);
    }

    [Fact]
    public void Parse_ExactMatchFilters_AreOfferedAsNarrowing()
    {
        var filter = Parse(("name", "a"), ("disk_format", "in:raw,qcow2"), ("protected", "true"), ("owner", "p1")).Filter;

        Assert.Equal(
            ["name=a", "disk_format=raw|qcow2", "protected=true", "owner=p1", "os_hidden=false", "member_status=accepted"],
            filter.Narrowing.Select(m => m.Field + "=" + string.Join("|", m.Values)));
        Assert.True(filter.IsNarrowedCompletely);
    }

    [Fact]
    public void Parse_TagOrPropertyFilter_IsNotNarrowedCompletely()
    {
        Assert.False(Parse(("tag", "x")).Filter.IsNarrowedCompletely);
        Assert.False(Parse(("hw_arch", "x86_64")).Filter.IsNarrowedCompletely);
        Assert.DoesNotContain(Parse(("member_status", "all")).Filter.Narrowing, m => m.Field == "member_status");
    }

    [Fact]
    public void Parse_LimitAboveApiMax_IsCapped()
    {
        Assert.Equal(1000, Parse(("limit", "5000")).Limit);
    }

    [Theory]
    [InlineData("limit", "-1")]
    [InlineData("limit", "abc")]
    [InlineData("sort_key", "bogus")]
    [InlineData("sort_dir", "sideways")]
    [InlineData("sort", "name:bad")]
    [InlineData("visibility", "bogus")]
    [InlineData("member_status", "bogus")]
    [InlineData("os_hidden", "maybe")]
    [InlineData("protected", "maybe")]
    [InlineData("changes-since", "2020-01-01")]
    [InlineData("size_min", "big")]
    [InlineData("min_ram_min", "x")]
    [InlineData("k_max", "1.5")]
    [InlineData("name", "like:x")]
    [InlineData("created_at", "gt:yesterday")]
    public void Parse_BadParameter_IsBadRequest(string key, string value)
    {
        var error = Assert.Throws<GlanceException>(() => Parse((key, value)));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void Parse_SortAndSortKeyTogether_IsBadRequest()
    {
        Assert.Throws<GlanceException>(() => Parse(("sort", "name:asc"), ("sort_key", "name")));
    }

    [Fact]
    public void Parse_SortKeysWithOneDirection_AppliesItToAllAndAddsTieBreakers()
    {
        var query = Parse(("sort_key", "name"), ("sort_key", "size"), ("sort_dir", "asc"));

        Assert.Equal(
            [new SortKey("name", false), new SortKey("size", false), new SortKey("created_at", false), new SortKey("id", false)],
            query.Sort);
        Assert.False(query.IsDefaultOrder);
    }

    [Theory]
    [InlineData("sort", "status:asc,disk_format:desc", true)]
    [InlineData("sort", "disk_format:desc,status:asc", true)]
    [InlineData("sort", "status:asc,disk_format:asc", false)]
    [InlineData("sort", "status", true)]
    [InlineData("sort_key", "status", true)]
    public void Parse_TieBreakers_UseTheOneDirectionGivenElseDescending(string key, string value, bool descending)
    {
        var query = Parse((key, value));

        Assert.Equal([new SortKey("created_at", descending), new SortKey("id", descending)], query.Sort.TakeLast(2));
    }

    [Fact]
    public void Parse_Filters_MatchAsGlanceDoes()
    {
        var image = TestImages.Owned("p1");
        image.Rename("a, b");
        image.ChangeDiskFormat("qcow2");
        image.AddTag("x");
        image.AddTag("y");
        image.SetProperty("os_distro", "debian");

        Assert.True(Parse(("name", "in:\"a, b\",c")).Filter.Matches(image));
        Assert.True(Parse(("disk_format", "eq:qcow2"), ("tag", "x"), ("tag", "y")).Filter.Matches(image));
        Assert.False(Parse(("tag", "x"), ("tag", "z")).Filter.Matches(image));
        Assert.True(Parse(("os_distro", "debian")).Filter.Matches(image));
        Assert.False(Parse(("os_distro", "ubuntu")).Filter.Matches(image));
        Assert.False(Parse(("os_hidden", "true")).Filter.Matches(image));
        Assert.True(Parse(("created_at", "lte:2026-11-26T12:00:00Z")).Filter.Matches(image));
        Assert.False(Parse(("created_at", "gt:2026-11-26T12:00:00Z")).Filter.Matches(image));
    }

    [Fact]
    public void Parse_TimeFilters_CompareTheStoredMicroseconds()
    {
        var image = TestImages.Owned("p1");
        var shown = image.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ");
        var exact = image.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ");

        Assert.Equal(image.CreatedAt.Millisecond == 0 && image.CreatedAt.Microsecond == 0, Parse(("created_at", "eq:" + shown)).Filter.Matches(image));
        Assert.True(Parse(("created_at", "eq:" + exact)).Filter.Matches(image));
        Assert.True(Parse(("created_at", exact)).Filter.Matches(image));
    }

    [Theory]
    [InlineData("created_at", "bogus:2000-01-01", "Unable to filter on a unknown operator.")]
    [InlineData("created_at", "bogus:x", "Bad \"created_at\" query filter format. Use ISO 8601 DateTime notation.")]
    [InlineData("name", "Foo:bar", "Unable to filter by unknown operator 'Foo'.")]
    [InlineData("protected", "True", "Invalid value 'True' for 'protected' filter. Valid values are 'true' or 'false'.")]
    [InlineData("os_hidden", "MAYBE", "Invalid value 'maybe' for 'os_hidden' filter. Valid values are 'true' or 'false'.")]
    [InlineData("min_disk_min", "x", "Unable to filter on a range with a non-numeric value.")]
    public void Parse_BadFilterValue_IsGlancesMessage(string key, string value, string message)
    {
        var error = Assert.Throws<GlanceException>(() => Parse((key, value)));

        Assert.Equal((GlanceErrorKind.Invalid, message), (error.Kind, error.Message));
    }

    [Theory]
    [InlineData("min_ram_min", "64", true)]
    [InlineData("min_ram_max", "63", false)]
    [InlineData("min_ram", "064.0", true)]
    [InlineData("min_ram", "abc", false)]
    [InlineData("visibility", "", false)]
    [InlineData("deleted", "true", true)]
    [InlineData("tag", " x ", true)]
    public void Parse_CoreAttributeFilter_MatchesAsZedOnSqlite(string key, string value, bool matches)
    {
        var image = TestImages.Owned("p1");
        image.RequireMinimumRam(64);
        image.AddTag("x");

        var filter = Parse((key, value)).Filter;

        Assert.Equal(matches, filter.Matches(image) && (key != "visibility" || filter.Visibility == image.Visibility));
    }

    [Theory]
    [InlineData("-5", true)]
    [InlineData(" 5", true)]
    [InlineData("+4", true)]
    [InlineData("101", false)]
    public void Parse_SizeMinAsPythonIntReadsIt_IsAccepted(string value, bool matches)
    {
        var image = TestImages.Owned("p1");
        image.ChangeDiskFormat("raw");
        image.ChangeContainerFormat("bare");
        image.Stage("lease", TestImages.Now);
        image.MarkStaged("lease", 100, TestImages.Now);

        Assert.Equal(matches, Parse(("size_min", value)).Filter.Matches(image));
    }
}
