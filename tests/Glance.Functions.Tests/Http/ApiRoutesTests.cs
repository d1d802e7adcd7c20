using System.Buffers;
using System.Text.Json;
using Glance.Functions.Functions;
using Glance.Functions.Http;

namespace Glance.Functions.Tests.Http;

/// <summary>
/// The version segments the routes take are those some deployment advertises, and each deployment serves exactly the
/// versions its document advertises, as Glance's version negotiation and versions list agree (glance/api/versions.py,
/// middleware/version_negotiation.py).
/// </summary>
public sealed class ApiRoutesTests
{
    private static List<string> AdvertisedIds(VersionsDocument versions)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            versions.Write(writer, "http://glance");
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("id").GetString()!).ToList();
    }

    private static IEnumerable<string> MinorVersions() => Enumerable.Range(0, 40).Select(minor => $"v2.{minor}");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Serves_ExactlyTheAdvertisedVersions(bool multistore)
    {
        var versions = new VersionsDocument(multistore);
        var advertised = AdvertisedIds(versions);

        Assert.All(advertised, id => Assert.True(versions.Serves(id) && ApiRoutes.IsVersion(id), id));
        Assert.All(MinorVersions().Where(id => !advertised.Contains(id)), id => Assert.False(versions.Serves(id), id));
        Assert.True(versions.Serves("v2"));
    }

    [Fact]
    public void Write_WithoutMultistore_IsGlancesListWithoutCacheAndBackends()
    {
        Assert.Equal(["v2.15", "v2.9", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0"], AdvertisedIds(new VersionsDocument(false)));
    }

    [Fact]
    public void Write_WithMultistore_AddsTheMultistoreVersions()
    {
        Assert.Equal(
            ["v2.15", "v2.13", "v2.12", "v2.11", "v2.10", "v2.9", "v2.8", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0"],
            AdvertisedIds(new VersionsDocument(true)));
    }

    [Fact]
    public void IsVersion_IsTheUnionOfBothDeployments()
    {
        var union = AdvertisedIds(new VersionsDocument(true)).Concat(AdvertisedIds(new VersionsDocument(false))).ToHashSet();

        Assert.All(MinorVersions(), id => Assert.Equal(union.Contains(id), ApiRoutes.IsVersion(id)));
    }

    [Theory]
    [InlineData("v2", true)]
    [InlineData("V2", false)]
    [InlineData("v2.05", false)]
    [InlineData("v2.", false)]
    [InlineData("v2.5x", false)]
    [InlineData("v2.14", false)]
    [InlineData("v2.16", false)]
    [InlineData("v3", false)]
    [InlineData("v1.0", false)]
    [InlineData("", false)]
    public void IsVersion_Segment_AsGlancesVersionNegotiation(string segment, bool served)
    {
        Assert.Equal(served, ApiRoutes.IsVersion(segment));
    }
}
