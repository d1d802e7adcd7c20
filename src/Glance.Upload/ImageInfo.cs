using System.Text.Json;

namespace Glance.Upload;

/// <summary>What the command reads of an image: GET /v2/images/{id}.</summary>
internal sealed record ImageInfo(string Id, string Status, long? Size, string? Checksum, string? OsHashAlgo, string? OsHashValue)
{
    public static ImageInfo FromJson(JsonElement image) => new(
        image.GetProperty("id").GetString()!,
        image.GetProperty("status").GetString()!,
        image.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : null,
        Text(image, "checksum"),
        Text(image, "os_hash_algo"),
        Text(image, "os_hash_value"));

    private static string? Text(JsonElement image, string name) =>
        image.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
