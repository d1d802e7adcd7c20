namespace Glance.Functions.Http;

/// <summary>
/// Failures only HTTP has words for (how a request was sent, or the service's own state); the domain's are
/// <see cref="Glance.Domain.Errors.GlanceErrorKind"/>. <see cref="ErrorStatus"/> maps both.
/// </summary>
public enum HttpErrorKind
{
    MethodNotAllowed,
    UnsupportedMediaType,
    RangeNotSatisfiable,
    RequestHeaderFieldsTooLarge,
    UnprocessableEntity,
    InternalServerError,
    ServiceUnavailable,
}
