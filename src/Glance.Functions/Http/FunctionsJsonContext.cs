using System.Text.Json.Serialization;

namespace Glance.Functions.Http;

[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
