using System.Text.Json;
using System.Text.Json.Nodes;
using Glance.Domain.Tasks;

namespace Glance.Storage.Tables;

/// <summary>
/// A task's input as its row keeps it, in the shape of Glance's import request:
/// <c>{"method": {"name": ..., "uri": ...}, "stores": [...], "all_stores_must_succeed": false}</c> (the last two with
/// multistore only, the flag only when false).
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
