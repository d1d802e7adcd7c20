using System.Text.Json;
using System.Text.Json.Nodes;
using Glance.Domain.Tasks;

namespace Glance.Storage.Tables;

/// <summary>
/// A task's input as its row keeps it, in the shape of Glance's import request:
/// <c>{"method": {"name": ..., "uri": ...}, "stores": [...], "all_stores_must_succeed": false}</c> (the last two with
/// multistore only, the flag only when false); a location import's as Glance's: <c>{"loc_url": ..., "validation_data": {...}}</c>.
/// Reading forgives anything else (rows written by earlier versions): what cannot be read is not named.
/// </summary>
internal static class ImageTaskInputJson
{
    public static string Write(ImageTaskInput input)
    {
        var document = new JsonObject();
        if (input.Method is not null || input.Uri is not null)
        {
            var method = new JsonObject();
            if (input.Method is not null)
            {
                method["name"] = input.Method;
            }
            if (input.Uri is not null)
            {
                method["uri"] = input.Uri;
            }
            document["method"] = method;
        }
        if (input.LocationUrl is not null)
        {
            document["loc_url"] = input.LocationUrl;
        }
        if (input.ValidationData is { } declared)
        {
            var data = new JsonObject();
            if (declared.Checksum is not null)
            {
                data["checksum"] = declared.Checksum;
            }
            if (declared.OsHashAlgo is not null)
            {
                data["os_hash_algo"] = declared.OsHashAlgo;
            }
            if (declared.OsHashValue is not null)
            {
                data["os_hash_value"] = declared.OsHashValue;
            }
            document["validation_data"] = data;
        }
        if (input.Stores is { } stores)
        {
            document["stores"] = new JsonArray([.. stores.Select(s => (JsonNode?)JsonValue.Create(s))]);
        }
        if (!input.AllStoresMustSucceed)
        {
            document["all_stores_must_succeed"] = false;
        }
        return document.ToJsonString();
    }

    public static ImageTaskInput Read(string? text)
    {
        if (text is null)
        {
            return ImageTaskInput.None;
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return ImageTaskInput.None;
        }
        if (root is JsonObject { } location && StringOf(location["loc_url"]) is { } url)
        {
            var data = location["validation_data"] as JsonObject;
            return new ImageTaskInput(null, null)
            {
                LocationUrl = url,
                ValidationData = data is null ? null
                    : new Glance.Domain.Data.UploadExpectations(null, StringOf(data["checksum"]), StringOf(data["os_hash_algo"]), StringOf(data["os_hash_value"])),
            };
        }
        if (root is not JsonObject { } document || document["method"] is not JsonObject method)
        {
            return ImageTaskInput.None;
        }
        return new ImageTaskInput(StringOf(method["name"]), StringOf(method["uri"]))
        {
            Stores = document["stores"] is JsonArray stores ? [.. stores.Select(StringOf).OfType<string>()] : null,
            AllStoresMustSucceed = document["all_stores_must_succeed"] is not JsonValue flag || !flag.TryGetValue<bool>(out var must) || must,
        };
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
