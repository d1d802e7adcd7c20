using System.Text.Json.Serialization;

namespace Glance.Storage.Metadefs;

/// <summary>The JSON the metadefs rows keep in columns: an object's required names and its property definitions.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string[][]))]
internal sealed partial class MetadefJsonContext : JsonSerializerContext;
