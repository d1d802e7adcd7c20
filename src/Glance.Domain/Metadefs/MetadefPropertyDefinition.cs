namespace Glance.Domain.Metadefs;

/// <summary>
/// A property definition: its name and the JSON-schema fragment that describes its values (type, enum, minimum ...),
/// kept as the JSON text the request parser checked and normalised; Glance stores it as text too. Its rules are
/// JSON's, so the HTTP side reads and writes it.
/// </summary>
public sealed record MetadefPropertyDefinition(string Name, string SchemaJson);
