using System.Text;
using System.Text.Json;
using Glance.Domain.Metadefs;
using Glance.Functions.Representation;

namespace Glance.Functions.Metadefs;

/// <summary>
/// A namespace as Glance shows it (wsme's Namespace): unset attributes and empty collections left out, associations
/// with their times, property definitions as stored, objects with their links.
/// </summary>
public static class NamespaceRepresentation
{
    public static string SelfLink(string name) => "/v2/metadefs/namespaces/" + name;

    /// <param name="created">Glance's create echoes the request's contents, without their times and links.</param>
    /// <param name="prefix">The prefix of the resource type the client asked for, put before property names.</param>
    public static void Write(Utf8JsonWriter writer, NamespaceDetail detail, bool created = false, string? prefix = null)
    {
        var ns = detail.Namespace;
        writer.WriteStartObject();
        writer.WriteString("namespace", ns.Name);
        WriteIfSet(writer, "display_name", ns.DisplayName);
        WriteIfSet(writer, "description", ns.Description);
        writer.WriteString("visibility", ns.Visibility);
        writer.WriteBoolean("protected", ns.Protected);
        WriteIfSet(writer, "owner", ns.Owner);
        writer.WriteString("created_at", GlanceTime.Format(ns.CreatedAt));
        MetadefTimes.WriteUpdated(writer, ns.UpdatedAt);
        if (detail.Associations.Count > 0)
        {
            writer.WriteStartArray("resource_type_associations");
            foreach (var association in detail.Associations)
            {
                writer.WriteStartObject();
                writer.WriteString("name", association.Name);
                WriteIfSet(writer, "prefix", association.Prefix);
                WriteIfSet(writer, "properties_target", association.PropertiesTarget);
                if (!created)
                {
                    writer.WriteString("created_at", GlanceTime.Format(association.CreatedAt));
                    MetadefTimes.WriteUpdated(writer, association.UpdatedAt);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (detail.Properties.Count > 0)
        {
            ObjectRepresentation.WriteProperties(writer, "properties", detail.Properties, prefix);
        }
        if (detail.Objects.Count > 0)
        {
            writer.WriteStartArray("objects");
            foreach (var obj in detail.Objects)
            {
                ObjectRepresentation.Write(writer, ns.Name, obj, created, prefix);
            }
            writer.WriteEndArray();
        }
        if (detail.Tags.Count > 0)
        {
            writer.WriteStartArray("tags");
            foreach (var tag in detail.Tags)
            {
                writer.WriteStartObject();
                writer.WriteString("name", tag.Name);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteString("self", SelfLink(ns.Name));
        writer.WriteString("schema", "/v2/schemas/metadefs/namespace");
        writer.WriteEndObject();
    }

    public static void WriteList(Utf8JsonWriter writer, NamespacePage page, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("namespaces");
        foreach (var detail in page.Namespaces)
        {
            Write(writer, detail);
        }
        writer.WriteEndArray();
        // Glance's links: the query as a dict (the last of a repeated parameter, in first-seen order), marker last.
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in query.Where(p => p.Key != "marker"))
        {
            var at = parameters.FindIndex(p => p.Key == pair.Key);
            if (at >= 0)
            {
                parameters[at] = pair;
            }
            else
            {
                parameters.Add(pair);
            }
        }
        if (page.Next is not null)
        {
            writer.WriteString("next", Link([.. parameters, new("marker", page.Next)]));
        }
        writer.WriteString("schema", "/v2/schemas/metadefs/namespaces");
        writer.WriteString("first", Link(parameters));
        writer.WriteEndObject();
    }

    private static string Link(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (parameters.Count == 0)
        {
            return "/v2/metadefs/namespaces";
        }
        var builder = new StringBuilder("/v2/metadefs/namespaces?");
        builder.AppendJoin('&', parameters.Select(p => QuotePlus(p.Key) + "=" + QuotePlus(p.Value)));
        return builder.ToString();
    }

    // Python's urlencode (quote_plus): unreserved characters stay, space becomes '+', the rest %XX of UTF-8.
    private static string QuotePlus(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
