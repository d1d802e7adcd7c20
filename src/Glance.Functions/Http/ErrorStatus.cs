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
        GlanceErrorKind.RangeNotSatisfiable => (416, "Requested Range Not Satisfiable"),
        GlanceErrorKind.RequestHeaderFieldsTooLarge => (431, "Request Header Fields Too Large"),
        _ => (500, "Internal Server Error"),
    };
}
