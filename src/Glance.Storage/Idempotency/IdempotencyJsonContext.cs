using System.Text.Json.Serialization;

namespace Glance.Storage.Idempotency;

[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class IdempotencyJsonContext : JsonSerializerContext;
