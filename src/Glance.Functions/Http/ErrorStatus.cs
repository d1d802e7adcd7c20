using Glance.Domain.Errors;

namespace Glance.Functions.Http;

/// <summary>
/// The one error-to-HTTP table: each <see cref="GlanceErrorKind"/> (what went wrong in the image service) and each
/// <see cref="HttpErrorKind"/> (what only HTTP names) with its status code and reason phrase.
/// </summary>
public static class ErrorStatus
{
    public static (int Code, string Title) Of(GlanceErrorKind kind) => kind switch
    {
        GlanceErrorKind.Invalid => (400, "Bad Request"),
        GlanceErrorKind.NotAuthenticated => (401, "Unauthorized"),
        GlanceErrorKind.NotAllowed => (403, "Forbidden"),
        GlanceErrorKind.NotFound => (404, "Not Found"),
        GlanceErrorKind.Conflict => (409, "Conflict"),
        GlanceErrorKind.Gone => (410, "Gone"),
        GlanceErrorKind.LimitExceeded => (413, "Request Entity Too Large"),
        // Glance answers content that is not the declared format as it answers an unsupported media type.
        GlanceErrorKind.UnacceptableContent => (415, "Unsupported Media Type"),
        _ => (500, "Internal Server Error"),
    };

    public static (int Code, string Title) Of(HttpErrorKind kind) => kind switch
    {
        HttpErrorKind.MethodNotAllowed => (405, "Method Not Allowed"),
        HttpErrorKind.UnsupportedMediaType => (415, "Unsupported Media Type"),
        HttpErrorKind.RangeNotSatisfiable => (416, "Request Range Not Satisfiable"),
        HttpErrorKind.RequestHeaderFieldsTooLarge => (431, "Request Header Fields Too Large"),
        HttpErrorKind.UnprocessableEntity => (422, "Unprocessable Entity"),
        HttpErrorKind.ServiceUnavailable => (503, "Service Unavailable"),
        _ => (500, "Internal Server Error"),
    };

    /// <summary>webob's fixed explanation for a status, shown before a detail message.</summary>
    public static string DefaultExplanation(int statusCode) => statusCode switch
    {
        400 => "The server could not comply with the request since it is either malformed or otherwise incorrect.",
        403 => "Access was denied to this resource.",
        404 => "The resource could not be found.",
        409 => "There was a conflict when trying to complete your request.",
        413 => "The request is larger than the server is willing or able to process.",
        _ => "",
    };
}
