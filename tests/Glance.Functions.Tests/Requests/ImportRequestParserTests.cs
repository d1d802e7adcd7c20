using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Domain.Importing;
using Glance.Functions.Requests;

namespace Glance.Functions.Tests.Requests;

public sealed class ImportRequestParserTests
{
    private static readonly string[] Enabled = [ImportRequest.GlanceDirect, ImportRequest.WebDownload, ImportRequest.CopyImage];

    private static ImportRequest Parse(string json, string? header = null)
    {
        using var document = JsonDocument.Parse(json);
        return ImportRequestParser.Parse(document.RootElement, Enabled, header);
    }

    [Fact]
    public void Parse_StoresAndFlags_AreCarried()
    {
        var request = Parse("""{"method":{"name":"copy-image"},"stores":["cheap","fast"],"all_stores_must_succeed":false}""", "x");

        Assert.Equal(["cheap", "fast"], request.Stores);
        Assert.False(request.AllStoresMustSucceed);
        Assert.False(request.AllStores);
        Assert.Equal("x", request.StoreHeader);
    }

    [Fact]
    public void Parse_NoStores_LeavesGlancesDefaults()
    {
        var request = Parse("""{"method":{"name":"glance-direct"}}""");

        Assert.Null(request.Stores);
        Assert.True(request.AllStoresMustSucceed);
        Assert.Null(request.StoreHeader);
    }

    [Theory]
    [InlineData("""{"method":{"name":"glance-direct"},"stores":"cheap"}""", "'stores' must be a list of store identifiers.")]
    [InlineData("""{"method":{"name":"glance-direct"},"stores":[1]}""", "'stores' must be a list of store identifiers.")]
    [InlineData("""{"method":{"name":"glance-direct"},"all_stores":"yes","all_stores_must_succeed":1}""", "'all_stores_must_succeed' must be boolean value only")]
    [InlineData("""{"method":{"name":"glance-direct"},"all_stores":"yes"}""", "'all_stores' must be boolean value only")]
    [InlineData("""{"method":{"name":"nope"},"all_stores":"yes"}""", "Unknown import method name 'nope'.")]
    public void Parse_BadBodies_AreGlances400s(string json, string message)
    {
        var e = Assert.Throws<GlanceException>(() => Parse(json));

        Assert.Equal((GlanceErrorKind.Invalid, message), (e.Kind, e.Message));
    }
}
