using Glance.Domain.Errors;

namespace Glance.Functions.Http;

/// <summary>
/// The one exception-to-HTTP table: each <see cref="GlanceErrorKind"/> and its status code and reason phrase.
/// </summary>
public static class ErrorStatus
{
    public static (int Code, string Title) Of(GlanceErrorKind kind) => kind switch
    {
        GlanceErrorKind.BadRequest => (400, "Bad Request"),
        GlanceErrorKind.Unauthorized => (401, "Unauthorized"),
        GlanceErrorKind.Forbidden => (403, "Forbidden"),
        GlanceErrorKind.NotFound => (404, "Not Found"),
        GlanceErrorKind.MethodNotAllowed => (405, "Method Not Allowed"),
        GlanceErrorKind.Conflict => (409, "Conflict"),
        GlanceErrorKind.Gone => (410, "Gone"),
        GlanceErrorKind.RequestEntityTooLarge => (413, "Request Entity Too Large"),
        GlanceErrorKind.UnsupportedMediaType => (415, "Unsupported Media Type"),
        GlanceErrorKind.RangeNotSatisfiable => (416, "Request Range Not Satisfiable"),
        GlanceErrorKind.RequestHeaderFieldsTooLarge => (431, "Request Header Fields Too Large"),
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
