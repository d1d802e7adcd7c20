namespace Glance.Functions.Http;

/// <summary>
/// A request refused for how it was sent (its verb, media type, range or headers) rather than for what it asks, or a
/// failure of the service itself; built by <see cref="HttpErrors"/>, answered by <see cref="GlanceEndpoint"/> with
/// <see cref="Headers"/> added to the response (Allow, Accept-Patch).
/// </summary>
public sealed class HttpError(HttpErrorKind kind, string message, IReadOnlyDictionary<string, string>? headers = null) : Exception(message)
{
    public HttpErrorKind Kind { get; } = kind;

    public IReadOnlyDictionary<string, string>? Headers { get; } = headers;
}
