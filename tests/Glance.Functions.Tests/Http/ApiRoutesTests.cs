using System.Buffers;
using System.Text.Json;
using Glance.Functions.Functions;
using Glance.Functions.Http;

namespace Glance.Functions.Tests.Http;

/// <summary>The version segments the routes serve are the versions the versions document advertises, as in Glance.</summary>
public sealed class ApiRoutesTests
{
    private static List<string> AdvertisedIds()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            VersionsDocument.Write(writer, "http://glance");
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("id").GetString()!).ToList();
    }

    [Fact]
    public void IsVersion_EveryAdvertisedVersion_IsServed()
    {
        Assert.All(AdvertisedIds(), id => Assert.True(ApiRoutes.IsVersion(id), id));
    }

    [Fact]
    public void IsVersion_AnyOtherMinorVersion_IsNotServed()
    {
        var advertised = AdvertisedIds();
        var others = Enumerable.Range(0, 40).Select(minor => $"v2.{minor}").Where(id => !advertised.Contains(id));

        Assert.All(others, id => Assert.False(ApiRoutes.IsVersion(id), id));
    }

    [Theory]
    [InlineData("v2", true)]
    [InlineData("V2", false)]
    [InlineData("v2.05", false)]
    [InlineData("v2.", false)]
    [InlineData("v2.5x", false)]
    [InlineData("v3", false)]
    [InlineData("v1.0", false)]
    [InlineData("", false)]
    public void IsVersion_Segment_AsGlancesVersionNegotiation(string segment, bool served)
    {
        Assert.Equal(served, ApiRoutes.IsVersion(segment));
    }
}
