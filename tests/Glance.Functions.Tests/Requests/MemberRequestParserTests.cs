using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Functions.Requests;

namespace Glance.Functions.Tests.Requests;

public sealed class MemberRequestParserTests
{
    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"member":1}""")]
    [InlineData("""{"member":null}""")]
    [InlineData("""["p2"]""")]
    public void MemberId_WithoutAStringMember_IsBadRequestAsGlanceWordsIt(string json)
    {
        var error = Assert.Throws<GlanceException>(() => MemberRequestParser.MemberId(Json(json)));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        Assert.Equal("Member to be added not specified", error.Message);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"status":true}""")]
    [InlineData("\"accepted\"")]
    public void Status_WithoutAStringStatus_IsBadRequestAsGlanceWordsIt(string json)
    {
        var error = Assert.Throws<GlanceException>(() => MemberRequestParser.Status(Json(json)));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        Assert.Equal("Status not specified", error.Message);
    }

    [Fact]
    public void MemberIdAndStatus_StringMembers_AreReadAsSent()
    {
        Assert.Equal("p2", MemberRequestParser.MemberId(Json("""{"member":"p2","other":1}""")));
        Assert.Equal("bogus", MemberRequestParser.Status(Json("""{"status":"bogus"}""")));
    }
}
