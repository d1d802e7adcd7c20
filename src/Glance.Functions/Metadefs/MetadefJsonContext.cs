using System.Text.Json.Serialization;

namespace Glance.Functions.Metadefs;

/// <summary>The few JSON shapes the metadef parsers build themselves.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class MetadefJsonContext : JsonSerializerContext;
