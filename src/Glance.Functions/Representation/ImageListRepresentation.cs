using System.Text.Json;
using Glance.Domain.Listing;

namespace Glance.Functions.Representation;

/// <summary>
/// Writes a list page: images, then <c>first</c>, <c>next</c> (when the page was full) and <c>schema</c>. The links
/// carry the request's parameters but its marker, encoded as Python's urlencode does. Unlike Glance, which keeps only the last of
/// a repeated parameter in its links, repeats are kept, so a following page is filtered as the first one was.
/// </summary>
public static class ImageListRepresentation
{
    public static void Write(
        Utf8JsonWriter writer, ImagePage page, IReadOnlyList<KeyValuePair<string, string>> parameters, ImageLocationFields? locations = null)
    {
        var withoutMarker = parameters.Where(p => p.Key != "marker").ToList();
        writer.WriteStartObject();
        writer.WriteStartArray("images");
        foreach (var image in page.Images)
        {
            ImageRepresentation.Write(writer, image, locations);
        }
        writer.WriteEndArray();
        var first = Link(withoutMarker, marker: null);
        writer.WriteString("first", first);
        if (page.HasMore && page.Images.Count > 0)
        {
            writer.WriteString("next", Link(withoutMarker, page.Images[^1].Id));
        }
        writer.WriteString("schema", "/v2/schemas/images");
        writer.WriteEndObject();
    }

    private static string Link(IReadOnlyList<KeyValuePair<string, string>> query, string? marker) =>
        ListLinks.Build("/v2/images", marker is null ? query : [.. query, new("marker", marker)]);
}
