using System.Text.Json;
using Glance.Domain.Data;
using Glance.Functions.Http;

namespace Glance.Functions.Requests;

/// <summary>The optional body of POST /v2/images/{id}/upload-url: <c>{"size", "checksum", "os_hash_algo", "os_hash_value"}</c>.</summary>
public static class UploadExpectationsParser
{
    public static UploadExpectations Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw HttpErrors.UploadUrlBodyNotAnObject();
        }
        long? size = null;
        string? checksum = null, algo = null, hash = null;
        foreach (var property in body.EnumerateObject())
        {
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
                    checksum = Hex(property, 32, 32);
                    break;
                case "os_hash_algo":
                    algo = property.Value.ValueKind == JsonValueKind.String && HashAlgorithms.IsSupported(property.Value.GetString()!)
                        ? property.Value.GetString()!.ToLowerInvariant()
                        : throw HttpErrors.UploadUrlHashAlgorithmUnsupported(HashAlgorithms.Supported);
                    break;
                case "os_hash_value":
                    hash = Hex(property, 32, 128);
                    break;
                default:
                    throw HttpErrors.UploadUrlFieldUnknown(property.Name);
            }
        }
        return new UploadExpectations(size, checksum, algo, hash);
    }

    private static string Hex(JsonProperty property, int minLength, int maxLength)
    {
        var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : "";
        if (text.Length < minLength || text.Length > maxLength || !text.All(char.IsAsciiHexDigit))
        {
            throw HttpErrors.UploadUrlDigestInvalid(property.Name);
        }
        return text.ToLowerInvariant();
    }
}
