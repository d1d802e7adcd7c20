using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Domain.Patching;
using Glance.Functions.Http;
using Glance.Functions.Requests;

namespace Glance.Functions.Tests.Requests;

public sealed class JsonPatchParserTests
{
    private static IReadOnlyList<PatchOperation> Parse(string json, PatchMediaVersion version = PatchMediaVersion.V21)
    {
        using var document = JsonDocument.Parse(json);
        return JsonPatchParser.Parse(document.RootElement, version);
    }

    private static GlanceException ParseFails(string json, PatchMediaVersion version = PatchMediaVersion.V21) =>
        Assert.Throws<GlanceException>(() => Parse(json, version));

    [Fact]
    public void Parse_V21Operations_DecodesOpPathAndValue()
    {
        var operations = Parse("""[{"op":"replace","path":"/name","value":"x"},{"op":"add","path":"/a~1b~0c","value":"v"},{"op":"remove","path":"/k"}]""");

        Assert.Collection(operations,
            o => { Assert.Equal(PatchOp.Replace, o.Op); Assert.Equal("name", o.Property); Assert.Equal("x", o.Value!.Text); },
            o => { Assert.Equal(PatchOp.Add, o.Op); Assert.Equal("a/b~c", o.Property); },
            o => { Assert.Equal(PatchOp.Remove, o.Op); Assert.Null(o.Value); });
    }

    [Fact]
    public void Parse_V20Operations_DecodesTheDraft4Form()
    {
        var operations = Parse("""[{"replace":"/name","value":"x"},{"add":"/k","value":"v"},{"remove":"/k"}]""", PatchMediaVersion.V20);

        Assert.Equal([PatchOp.Replace, PatchOp.Add, PatchOp.Remove], operations.Select(o => o.Op));
    }

    [Theory]
    [InlineData("{}", "Request body must be a JSON array of operation objects.")]
    [InlineData("[1]", "Operations must be JSON objects.")]
    [InlineData("""[{"op":"test","path":"/name","value":"x"}]""", "Invalid operation: `test`. It must be one of the following: add, remove, replace.")]
    [InlineData("""[{"op":"move","path":"/name","from":"/x"}]""", "Invalid operation: `move`. It must be one of the following: add, remove, replace.")]
    [InlineData("""[{"path":"/name","value":"x"}]""", "Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, replace.")]
    [InlineData("""[{"op":"replace","value":"x"}]""", "Unable to find 'path' in JSON Schema change")]
    [InlineData("""[{"op":"replace","path":"/name"}]""", "Operation \"replace\" requires a member named \"value\".")]
    [InlineData("""[{"op":"replace","path":"name","value":"x"}]""", "Pointer `name` does not start with \"/\".")]
    [InlineData("""[{"op":"replace","path":"/a//b","value":"x"}]""", "Pointer `/a//b` contains adjacent \"/\".")]
    [InlineData("""[{"op":"replace","path":"/a/","value":"x"}]""", "Pointer `/a/` end with \"/\".")]
    [InlineData("""[{"op":"replace","path":"/name/x","value":"x"}]""", "Invalid JSON pointer for this resource: '/name/x'")]
    [InlineData("""[{"op":"replace","path":"/a~2","value":"x"}]""", "Pointer `/a~2` contains \"~\" not part of a recognized escape sequence.")]
    public void Parse_InvalidV21_IsBadRequestWithGlanceMessage(string json, string message)
    {
        var error = ParseFails(json);

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("""[{"test":"/name","value":"x"}]""", "exactly")]
    [InlineData("""[{"replace":"/name","add":"/name","value":"x"}]""", "only")]
    public void Parse_V20WithoutExactlyOneOp_IsBadRequest(string json, string quantity)
    {
        var error = ParseFails(json, PatchMediaVersion.V20);

        Assert.Equal($"Operation objects must contain {quantity} one member named \"add\", \"remove\", or \"replace\".", error.Message);
    }

    [Theory]
    [InlineData("application/openstack-images-v2.1-json-patch", PatchMediaVersion.V21)]
    [InlineData("application/openstack-images-v2.0-json-patch", PatchMediaVersion.V20)]
    [InlineData("Application/OpenStack-Images-v2.1-JSON-Patch; charset=utf-8", PatchMediaVersion.V21)]
    public void ParseMediaType_PatchMediaTypes_AreRecognised(string contentType, PatchMediaVersion expected)
    {
        Assert.Equal(expected, JsonPatchParser.ParseMediaType(contentType));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public void ParseMediaType_OtherTypes_AreUnsupportedMediaType(string? contentType)
    {
        var error = Assert.Throws<HttpError>(() => JsonPatchParser.ParseMediaType(contentType));

        Assert.Equal(HttpErrorKind.UnsupportedMediaType, error.Kind);
        Assert.Equal(PatchMediaTypes.AcceptPatch, error.Headers!["Accept-Patch"]);
    }
}
