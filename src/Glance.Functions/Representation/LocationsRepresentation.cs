using System.Text.Json;
using Glance.Domain.Stores;

namespace Glance.Functions.Representation;

/// <summary>
/// An image's locations as Glance 2.17 shows them (GET /v2/images/{id}/locations, and an image's <c>locations</c>):
/// <c>[{"url": ..., "metadata": {"store": ...}}]</c>, the metadata empty without multistore.
/// </summary>
public static class LocationsRepresentation
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<ImageLocation> locations, Func<ImageLocation, string> urlOf, bool multistore)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(urlOf);
        writer.WriteStartArray();
        foreach (var location in locations)
        {
            writer.WriteStartObject();
            writer.WriteString("url", urlOf(location));
            writer.WriteStartObject("metadata");
            if (multistore)
            {
                writer.WriteString("store", location.StoreId);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
