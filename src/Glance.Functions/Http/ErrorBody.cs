using System.Text.Json.Serialization;

namespace Glance.Functions.Http;

public sealed record ErrorBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("title")] string Title);
