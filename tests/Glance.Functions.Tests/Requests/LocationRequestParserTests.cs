using System.Text.Json;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Importing;
using Glance.Functions.Requests;

namespace Glance.Functions.Tests.Requests;

/// <summary>The body of POST /v2/images/{id}/locations, held to Glance's schema 'location'.</summary>
public sealed class LocationRequestParserTests
{
    private static readonly string Hash = new('a', 128);

    private static LocationRequest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return LocationRequestParser.Parse(document.RootElement);
    }

    [Fact]
    public void Parse_UrlAlone_DeclaresNothing()
    {
        var request = Parse("""{"url": "http://127.0.0.1:10000/devstoreaccount1/images/x"}""");

        Assert.Equal(("http://127.0.0.1:10000/devstoreaccount1/images/x", UploadExpectations.None), (request.Url, request.Declared));
    }

    [Fact]
    public void Parse_ValidationData_IsDeclaredLowerCased()
    {
        var request = Parse($$$"""{"url": "u", "validation_data": {"os_hash_algo": "SHA512", "os_hash_value": "{{{Hash.ToUpperInvariant()}}}", "checksum": "{{{new string('C', 32)}}}"}}""");

        Assert.Equal(new UploadExpectations(null, new string('c', 32), "sha512", Hash), request.Declared);
    }

    [Theory]
    [InlineData("[]", "Provided object does not match schema 'location': the body is not of type 'object'")]
    [InlineData("{}", "Provided object does not match schema 'location': 'url' is a required property")]
    [InlineData("""{"url": 5}""", "Provided object does not match schema 'location': 'url' is not of type 'string'")]
    [InlineData("""{"url": null}""", "Provided object does not match schema 'location': 'url' is not of type 'string'")]
    [InlineData("""{"url": "u", "metadata": {}}""", "Provided object does not match schema 'location': Additional properties are not allowed ('metadata' was unexpected)")]
    [InlineData("""{"url": "u", "validation_data": "x"}""", "'validation_data' must be a JSON object.")]
    [InlineData("""{"url": "u", "validation_data": {}}""", "Provided object does not match schema 'location': 'os_hash_algo' is a required property of 'validation_data'")]
    [InlineData("""{"url": "u", "validation_data": {"os_hash_algo": "sha512"}}""", "Provided object does not match schema 'location': 'os_hash_value' is a required property of 'validation_data'")]
    [InlineData("""{"url": "u", "validation_data": {"os_hash_algo": "sha512", "os_hash_value": "xyz"}}""", "'os_hash_value' must be a hexadecimal digest.")]
    [InlineData("""{"url": "u", "validation_data": {"os_hash_algo": "sha512", "os_hash_value": "ab", "size": 1}}""", "Unknown validation_data field 'size'.")]
    [InlineData("""{"url": "u", "validation_data": {"os_hash_algo": "sha512", "os_hash_value": "ab"}}""", "'os_hash_value' must be a hexadecimal digest.")]
    [InlineData("""{"url": "u", "validation_data": {"checksum": "ab"}}""", "'checksum' must be a hexadecimal digest.")]
    public void Parse_BodyOutsideTheSchema_Is400(string json, string message)
    {
        var e = Assert.Throws<GlanceException>(() => Parse(json));

        Assert.Equal((GlanceErrorKind.Invalid, message), (e.Kind, e.Message));
    }

    [Fact]
    public void Parse_UnknownHashAlgorithm_Is400()
    {
        var e = Assert.Throws<GlanceException>(() => Parse("""{"url": "u", "validation_data": {"os_hash_algo": "sha123", "os_hash_value": "ab"}}"""));

        Assert.StartsWith("'os_hash_algo' must be one of: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UrlLongerThanGlancesLimit_Is400()
    {
        var e = Assert.Throws<GlanceException>(() => Parse($$"""{"url": "{{new string('u', 256)}}"}"""));

        Assert.Equal("Provided object does not match schema 'location': 'url' is longer than 255 characters", e.Message);
    }
}
