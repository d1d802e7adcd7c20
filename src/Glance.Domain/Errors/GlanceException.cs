namespace Glance.Domain.Errors;

/// <summary>
/// A failure the caller caused or may see, built by <see cref="GlanceErrors"/>. Thrown by the domain and mapped to
/// Glance's error response in one place by the HTTP layer; anything else escaping a use case is a bug (500).
/// </summary>
public sealed class GlanceException(GlanceErrorKind kind, string message) : Exception(message)
{
    public GlanceErrorKind Kind { get; } = kind;

    /// <summary>
    /// Glance raises some errors with the message as webob's detail rather than its explanation, so the body
    /// reads "Access was denied to this resource." followed by the message; we keep the same shape.
    /// </summary>
    public bool IsDetail { get; init; }

    public static GlanceException Detail(GlanceErrorKind kind, string message) => new(kind, message) { IsDetail = true };

    /// <summary>Authentication's refusal, worded where the authenticators are (Unauthenticated).</summary>
    public static GlanceException NotAuthenticated(string message) => new(GlanceErrorKind.NotAuthenticated, message);
}
