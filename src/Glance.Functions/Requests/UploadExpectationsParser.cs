using System.Globalization;
using System.Text.Json;
using Glance.Domain.Data;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Requests;

/// <summary>
/// What a client declares of the bytes it is about to send, wherever it declares it: the optional body of POST
/// /v2/images/{id}/upload-url and web-download's <c>validation_data</c> (<c>{"size", "checksum", "os_hash_algo",
/// "os_hash_value"}</c>), and the headers of PUT /file and PUT /stage (<see cref="SizeHeader"/> and the others here).
/// </summary>
public static class UploadExpectationsParser
{
    /// <summary>Glance's own header for the size of the bytes to come (PUT /file).</summary>
    public const string SizeHeader = "x-openstack-image-size";

    public const string ChecksumHeader = "x-openstack-image-checksum";

    public const string HashAlgorithmHeader = "x-openstack-image-os-hash-algo";

    public const string HashValueHeader = "x-openstack-image-os-hash-value";

    /// <summary>The body of POST /v2/images/{id}/upload-url.</summary>
    public static UploadExpectations Parse(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object ? FromJson(body, HttpErrors.UploadUrlFieldUnknown) : throw HttpErrors.UploadUrlBodyNotAnObject();

    /// <summary>web-download's <c>method.validation_data</c>.</summary>
    public static UploadExpectations ParseValidationData(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object ? FromJson(data, HttpErrors.ValidationDataFieldUnknown) : throw HttpErrors.ValidationDataNotAnObject();

    public static UploadExpectations FromHeaders(IHeaderDictionary headers)
    {
        string? Header(string name) => headers[name].ToString() is { Length: > 0 } value ? value : null;
        long? size = null;
        if (Header(SizeHeader) is { } sizeText)
        {
            size = long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw HttpErrors.InvalidImageSizeHeader(sizeText);
        }
        return new UploadExpectations(
            size,
            Header(ChecksumHeader) is { } checksum ? Checksum(checksum, ChecksumHeader) : null,
            Header(HashAlgorithmHeader) is { } algo ? HashAlgorithm(algo, HashAlgorithmHeader) : null,
            Header(HashValueHeader) is { } hash ? HashValue(hash, HashValueHeader) : null);
    }

    private static UploadExpectations FromJson(JsonElement body, Func<string, Exception> unknownField)
    {
        long? size = null;
        string? checksum = null, algo = null, hash = null;
        foreach (var property in body.EnumerateObject())
        {
            var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : "";
            switch (property.Name)
            {
                case "size":
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt64(out var s) || s < 0)
                    {
                        throw HttpErrors.UploadUrlSizeInvalid();
                    }
                    size = s;
                    break;
                case "checksum":
                    checksum = Checksum(text, property.Name);
                    break;
                case "os_hash_algo":
                    algo = HashAlgorithm(text, property.Name);
                    break;
                case "os_hash_value":
                    hash = HashValue(text, property.Name);
                    break;
                default:
                    throw unknownField(property.Name);
            }
        }
        return new UploadExpectations(size, checksum, algo, hash);
    }

    private static string Checksum(string text, string field) => Hex(text, field, 32, 32);

    private static string HashValue(string text, string field) => Hex(text, field, 32, 128);

    private static string HashAlgorithm(string text, string field) =>
        Glance.Domain.Data.HashAlgorithms.IsSupported(text)
            ? text.ToLowerInvariant()
            : throw HttpErrors.DeclaredHashAlgorithmUnsupported(field, Glance.Domain.Data.HashAlgorithms.Supported);

    private static string Hex(string text, string field, int minLength, int maxLength) =>
        text.Length >= minLength && text.Length <= maxLength && text.All(char.IsAsciiHexDigit)
            ? text.ToLowerInvariant()
            : throw HttpErrors.DeclaredDigestInvalid(field);
}
