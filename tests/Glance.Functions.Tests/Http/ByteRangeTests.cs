using Glance.Functions.Http;
using Glance.Domain.Errors;

namespace Glance.Functions.Tests.Http;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-9", 0, 10)]
    [InlineData("bytes=5-", 5, 95)]
    [InlineData("bytes=-10", 90, 10)]
    [InlineData("bytes=-1000", 0, 100)]
    [InlineData("bytes=90-1000", 90, 10)]
    [InlineData("BYTES=1-1", 1, 1)]
    [InlineData("bytes=90-99999999999999999999999", 90, 10)]
    [InlineData("bytes=-99999999999999999999999", 0, 100)]
    public void Parse_SingleRange_IsClippedToTheImage(string header, long offset, long length)
    {
        Assert.Equal(new ByteRange(offset, length), ByteRange.Parse(header, null, 100));
    }

    [Theory]
    [InlineData("bytes=100-")]
    [InlineData("bytes=5-2")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=x-y")]
    [InlineData("items=0-1")]
    [InlineData("bytes=7")]
    [InlineData("bytes=99999999999999999999999-")]
    [InlineData("bytes=--1")]
    public void Parse_Unsatisfiable_Is416(string header)
    {
        var error = Assert.Throws<HttpError>(() => ByteRange.Parse(header, null, 100));

        Assert.Equal(HttpErrorKind.RangeNotSatisfiable, error.Kind);
    }

    [Fact]
    public void Parse_MultipleRanges_Is400()
    {
        var error = Assert.Throws<GlanceException>(() => ByteRange.Parse("bytes=0-1,4-5", null, 100));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void Parse_LegacyContentRangeRequestHeader_IsHonoured()
    {
        Assert.Equal(new ByteRange(10, 11), ByteRange.Parse(null, "bytes 10-20/*", 100));
    }

    [Fact]
    public void Parse_NoHeaders_IsNull()
    {
        Assert.Null(ByteRange.Parse(null, "", 100));
    }
}
