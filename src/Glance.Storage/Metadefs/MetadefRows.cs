using System.Text.Json;
using Azure.Data.Tables;
using Glance.Domain.Metadefs;
using Glance.Storage.Tables;

namespace Glance.Storage.Metadefs;

/// <summary>Maps the catalogue to table rows and back: one place for the column names of docs/metadefs.md.</summary>
internal static class MetadefRows
{
    private const string Sequence = "Sequence";

    /// <summary>The namespace's columns, on its own row, its claim and its listing copies alike.</summary>
    public static TableEntity Namespace(string partition, string row, MetadefNamespace ns, long sequence = 0)
    {
        var entity = new TableEntity(partition, row)
        {
            ["Id"] = ns.Id,
            ["Namespace"] = ns.Name,
            ["DisplayName"] = ns.DisplayName,
            ["Description"] = ns.Description,
            ["Visibility"] = ns.Visibility,
            ["Protected"] = ns.Protected,
            ["Owner"] = ns.Owner,
            // A flag, since a null column is simply absent: an owner of "" must not read back as none.
            ["HasOwner"] = ns.Owner is not null,
            ["CreatedAt"] = ns.CreatedAt,
            ["UpdatedAt"] = Updated(ns.UpdatedAt),
            [Sequence] = sequence,
        };
        return entity;
    }

    public static MetadefNamespace ReadNamespace(TableEntity e) => new(
        e.GetString("Id"),
        e.GetString("Namespace") ?? "",
        e.GetString("DisplayName"),
        e.GetString("Description"),
        e.GetString("Visibility"),
        e.GetBoolean("Protected") ?? false,
        e.GetBoolean("HasOwner") == true ? e.GetString("Owner") ?? "" : null,
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default);

    public static TableEntity Association(string partition, ResourceTypeAssociation a, long sequence) => new(partition, MetadefKeys.Association(a.Name))
    {
        ["Name"] = a.Name,
        ["Prefix"] = a.Prefix,
        ["PropertiesTarget"] = a.PropertiesTarget,
        ["CreatedAt"] = a.CreatedAt,
        ["UpdatedAt"] = Updated(a.UpdatedAt),
        [Sequence] = sequence,
    };

    public static TableEntity Object(string partition, MetadefObject o, long sequence)
    {
        var entity = new TableEntity(partition, MetadefKeys.Object(o.Name))
        {
            ["Name"] = o.Name,
            ["Description"] = o.Description,
            ["Required"] = o.Required is null ? null : JsonSerializer.Serialize(o.Required, MetadefJsonContext.Default.IReadOnlyListString),
            ["CreatedAt"] = o.CreatedAt,
            ["UpdatedAt"] = Updated(o.UpdatedAt),
            [Sequence] = sequence,
        };
        ChunkedColumns.Write(entity, "Properties", JsonSerializer.Serialize(
            o.Properties.Select(p => new[] { p.Name, p.SchemaJson }).ToArray(), MetadefJsonContext.Default.StringArrayArray));
        return entity;
    }

    public static TableEntity Property(string partition, MetadefPropertyDefinition p, long sequence)
    {
        var entity = new TableEntity(partition, MetadefKeys.Property(p.Name)) { ["Name"] = p.Name, [Sequence] = sequence };
        ChunkedColumns.Write(entity, "Schema", p.SchemaJson);
        return entity;
    }

    public static TableEntity Tag(string partition, MetadefTag t, long sequence) => new(partition, MetadefKeys.Tag(t.Name))
    {
        ["Name"] = t.Name,
        ["CreatedAt"] = t.CreatedAt,
        ["UpdatedAt"] = Updated(t.UpdatedAt),
        [Sequence] = sequence,
    };

    /// <summary>A namespace's partition as read, its rows in creation order; null without its namespace row.</summary>
    public static NamespaceDetail? ReadPartition(IReadOnlyList<TableEntity> rows, string namespaceId)
    {
        var head = rows.FirstOrDefault(r => r.RowKey == MetadefKeys.NamespaceRow(namespaceId));
        if (head is null)
        {
            return null;
        }
        IEnumerable<TableEntity> Kind(string prefix) =>
            rows.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(r => r.GetInt64(Sequence) ?? 0);
        return new NamespaceDetail(
            ReadNamespace(head),
            head.ETag.ToString(),
            Kind("a:").Select(r => new ResourceTypeAssociation(
                r.GetString("Name"), r.GetString("Prefix"), r.GetString("PropertiesTarget"), Time(r, "CreatedAt"), Time(r, "UpdatedAt"))).ToList(),
            // Glance's object query has no order: its databases answer in the order of the (namespace, name) index.
            Kind("o:").OrderBy(r => r.GetString("Name"), StringComparer.Ordinal).Select(r => new MetadefObject(
                r.GetString("Name"),
                r.GetString("Description"),
                r.GetString("Required") is { } required ? JsonSerializer.Deserialize(required, MetadefJsonContext.Default.IReadOnlyListString) : null,
                (JsonSerializer.Deserialize(ChunkedColumns.Read(r, "Properties"), MetadefJsonContext.Default.StringArrayArray) ?? [])
                    .Select(p => new MetadefPropertyDefinition(p[0], p[1])).ToList(),
                Time(r, "CreatedAt"),
                Time(r, "UpdatedAt"))).ToList(),
            Kind("p:").Select(r => new MetadefPropertyDefinition(r.GetString("Name"), ChunkedColumns.Read(r, "Schema"))).ToList(),
            // Glance lists tags newest first (created_at, then id, descending).
            Kind("t:").Reverse().Select(r => new MetadefTag(r.GetString("Name"), Time(r, "CreatedAt"), Time(r, "UpdatedAt"))).ToList());
    }

    /// <summary>Every row a new namespace is written as, its own row first, children numbered in the order given.</summary>
    public static List<TableEntity> Rows(NamespaceDetail created)
    {
        var partition = MetadefKeys.Partition(created.Namespace.Id);
        var children = new List<TableEntity>();
        long sequence = 0;
        children.AddRange(created.Associations.Select(a => Association(partition, a, ++sequence)));
        children.AddRange(created.Objects.Select(o => Object(partition, o, ++sequence)));
        children.AddRange(created.Properties.Select(p => Property(partition, p, ++sequence)));
        children.AddRange(created.Tags.Select(t => Tag(partition, t, ++sequence)));
        return [Namespace(partition, MetadefKeys.NamespaceRow(created.Namespace.Id), created.Namespace, sequence), .. children];
    }

    private static DateTimeOffset Time(TableEntity row, string column) => row.GetDateTimeOffset(column) ?? default;

    /// <summary>What glance-manage loads was never updated (no updated_at): an absent column, read back as default.</summary>
    internal static DateTimeOffset? Updated(DateTimeOffset time) => time == default ? null : time;
}
