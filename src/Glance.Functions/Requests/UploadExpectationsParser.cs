using System.Text.Json;
using Glance.Domain.Data;
using Glance.Domain.Errors;

namespace Glance.Functions.Requests;

/// <summary>The optional body of POST /v2/images/{id}/upload-url: <c>{"size", "checksum", "os_hash_algo", "os_hash_value"}</c>.</summary>
public static class UploadExpectationsParser
{
    public static UploadExpectations Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw GlanceException.BadRequest("The upload-url body must be a JSON object.");
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
                        throw GlanceException.BadRequest("'size' must be a non-negative integer.");
                    }
                    size = s;
                    break;
                case "checksum":
                    checksum = Hex(property, 32, 32);
                    break;
                case "os_hash_algo":
                    algo = property.Value.ValueKind == JsonValueKind.String && HashAlgorithms.IsSupported(property.Value.GetString()!)
                        ? property.Value.GetString()!.ToLowerInvariant()
                        : throw GlanceException.BadRequest($"'os_hash_algo' must be one of: {string.Join(", ", HashAlgorithms.Supported)}.");
                    break;
                case "os_hash_value":
                    hash = Hex(property, 32, 128);
                    break;
                default:
                    throw GlanceException.BadRequest($"Unknown upload-url field '{property.Name}'.");
            }
        }
        return new UploadExpectations(size, checksum, algo, hash);
    }

    private static string Hex(JsonProperty property, int minLength, int maxLength)
    {
        var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : "";
        if (text.Length < minLength || text.Length > maxLength || !text.All(char.IsAsciiHexDigit))
        {
            throw GlanceException.BadRequest($"'{property.Name}' must be a hexadecimal digest.");
        }
        return text.ToLowerInvariant();
    }
}
