namespace Glance.Domain.Errors;

/// <summary>The kinds of failure the image service reports; the HTTP layer maps each to one status code.</summary>
public enum GlanceErrorKind
{
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    Gone,
    RequestEntityTooLarge,
    UnsupportedMediaType,
    RangeNotSatisfiable,
    RequestHeaderFieldsTooLarge,
}
