namespace Glance.Storage.Metadefs;

/// <summary>
/// The metadefs table's keys (docs/metadefs.md). Names may hold any character, some of which a key may not ('/', '#',
/// '?', '\\', control characters), so they are URI-escaped; prefixes keep every key non-empty and sort a namespace's
/// rows as a: &lt; n: &lt; o: &lt; p: &lt; t:.
/// </summary>
internal static class MetadefKeys
{
    public const string NamesPartition = "names";
    public const string PublicPartition = "list:public";

    /// <summary>Row keys below this are a namespace's own row and its associations, without objects, properties and tags.</summary>
    public const string ContentsStart = "o";

    public static string Partition(string namespaceId) => "ns:" + namespaceId;

    public static string NamespaceRow(string namespaceId) => "n:" + namespaceId;

    public static string Association(string resourceType) => "a:" + Escape(resourceType);

    public static string Object(string name) => "o:" + Escape(name);

    public static string Property(string name) => "p:" + Escape(name);

    /// <summary>Glance's tag names are unique ignoring case.</summary>
    public static string Tag(string name) => "t:" + Escape(name.ToLowerInvariant());

    public static string ResourceType(string name) => "rt:" + Escape(name);

    /// <summary>The claim on a name, and the row key of its listing copies.</summary>
    public static string Name(string name) => "name:" + Escape(name);

    /// <summary>A project's copies; "=" keeps an empty owner apart from none.</summary>
    public static string OwnerPartition(string? owner) => owner is null ? "list:owner:" : "list:owner:=" + Escape(owner);

    private static string Escape(string text) => Uri.EscapeDataString(text);
}
