using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Glance.LoadWorkload;

/// <summary>
/// The service as the clients use it: every request carries a project's identity as keystonemiddleware would pass
/// it (trusted mode), is timed under an operation name, and is judged against the statuses the caller expects.
/// </summary>
internal sealed class LoadApi(HttpClient http, OperationMetrics metrics)
{
    public const string PatchMediaType = "application/openstack-images-v2.1-json-patch";

    public OperationMetrics Metrics => metrics;

    public Task<ApiResponse> SendAsync(
        string operation, string project, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken,
        params int[] expected)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Identity-Status", "Confirmed");
        request.Headers.Add("X-Project-Id", project);
        request.Headers.Add("X-User-Id", "u-" + project);
        request.Headers.Add("X-Roles", "member,reader");
        request.Headers.Add("Accept", "application/json");
        return ExchangeAsync(operation, request, cancellationToken, expected);
    }

    /// <summary>A request to a URL outside the service (the SAS upload to storage), timed the same way.</summary>
    public Task<ApiResponse> SendRawAsync(string operation, HttpRequestMessage request, CancellationToken cancellationToken, params int[] expected) =>
        ExchangeAsync(operation, request, cancellationToken, expected);

    public static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    public static HttpContent Patch(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(PatchMediaType);
        return content;
    }

    public static HttpContent Octets(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private async Task<ApiResponse> ExchangeAsync(string operation, HttpRequestMessage request, CancellationToken cancellationToken, int[] expected)
    {
        using (request)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                var status = (int)response.StatusCode;
                var ok = expected.Contains(status);
                metrics.Record(operation, status, elapsed, ok,
                    ok ? null : $"{request.Method} {request.RequestUri?.AbsolutePath} -> {status}: {Truncate(Encoding.UTF8.GetString(body))}");
                return new ApiResponse(status, body, response.Headers, response.Content.Headers);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                metrics.Record(operation, 0, clock.Elapsed.TotalMilliseconds, expected: false, $"{request.Method} {request.RequestUri?.AbsolutePath}: {e.GetType().Name}: {e.Message}");
                return new ApiResponse(0, [], null, null);
            }
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
