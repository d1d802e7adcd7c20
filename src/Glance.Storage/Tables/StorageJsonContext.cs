using System.Text.Json.Serialization;

namespace Glance.Storage.Tables;

[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string[][]))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
