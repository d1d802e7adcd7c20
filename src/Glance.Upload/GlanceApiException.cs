using System.Net;

namespace Glance.Upload;

/// <summary>The service answered with an error; <see cref="Exception.Message"/> says what was asked and why it failed.</summary>
internal sealed class GlanceApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
