using System.Net;

namespace Glance.Benchmarks;

/// <summary>The service answered with a status the benchmark did not expect.</summary>
internal sealed class GlanceApiException(string what, HttpStatusCode status, string body)
    : Exception($"{what} answered {(int)status} {status}: {body}")
{
    public HttpStatusCode Status { get; } = status;
}
