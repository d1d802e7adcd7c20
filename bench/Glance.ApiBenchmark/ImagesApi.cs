using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Glance.Benchmarks;

/// <summary>
/// The Images API requests the benchmark times, sent by one keep-alive client acting for one project (noauth mode
/// honours keystonemiddleware's headers). A request's time runs until its whole body has arrived; each call returns
/// milliseconds and fails unless the service answered as Glance would.
/// </summary>
internal sealed class ImagesApi : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonPatch = new("application/openstack-images-v2.1-json-patch");
    private readonly HttpClient _http;

    public ImagesApi(Uri baseAddress, string project)
    {
        // One client, one pool: connections opened in the warm-up stay open for the whole run.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        _http.DefaultRequestHeaders.Add("X-Identity-Status", "Confirmed");
        _http.DefaultRequestHeaders.Add("X-Project-Id", project);
        _http.DefaultRequestHeaders.Add("X-User-Id", "bench-user");
        _http.DefaultRequestHeaders.Add("X-Roles", "member,reader");
    }

    /// <summary>POST /v2/images with a name and formats; returns the time and the new image's id.</summary>
    public async Task<(double Milliseconds, string Id)> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { name, disk_format = "raw", container_format = "bare" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/images")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var (elapsed, json) = await SendAsync(request, HttpStatusCode.Created, cancellationToken);
        using var created = JsonDocument.Parse(json);
        return (elapsed, created.RootElement.GetProperty("id").GetString()!);
    }

    /// <summary>GET /v2/images/{id}.</summary>
    public async Task<double> ShowAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/images/{id}");
        return (await SendAsync(request, HttpStatusCode.OK, cancellationToken)).Milliseconds;
    }

    /// <summary><paramref name="count"/> GETs of the image at once; the latency of each.</summary>
    public async Task<double[]> ShowConcurrentlyAsync(string id, int count, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ShowAsync(id, cancellationToken)));

    /// <summary>PATCH /v2/images/{id} replacing /name.</summary>
    public async Task<double> RenameAsync(string id, string name, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new[] { new { op = "replace", path = "/name", value = name } });
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = JsonPatch;
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v2/images/{id}") { Content = content };
        return (await SendAsync(request, HttpStatusCode.OK, cancellationToken)).Milliseconds;
    }

    /// <summary>GET /v2/images?limit=N, the project's default list; fails unless the page is full.</summary>
    public async Task<double> ListAsync(int limit, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/images?limit={limit}");
        var (elapsed, json) = await SendAsync(request, HttpStatusCode.OK, cancellationToken);
        using var page = JsonDocument.Parse(json);
        var count = page.RootElement.GetProperty("images").GetArrayLength();
        return count == limit ? elapsed : throw new InvalidOperationException($"GET /v2/images?limit={limit} listed {count} images.");
    }

    /// <summary>DELETE /v2/images/{id}.</summary>
    public async Task<double> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/v2/images/{id}");
        return (await SendAsync(request, HttpStatusCode.NoContent, cancellationToken)).Milliseconds;
    }

    /// <summary>GET /versions: the service's HTTP path with no storage behind it.</summary>
    public async Task<double> VersionsAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/versions");
        return (await SendAsync(request, HttpStatusCode.OK, cancellationToken)).Milliseconds;
    }

    private async Task<(double Milliseconds, byte[] Body)> SendAsync(
        HttpRequestMessage request, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != expected)
        {
            var text = Encoding.UTF8.GetString(body);
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} " +
                $"instead of {(int)expected}: {(text.Length <= 500 ? text : text[..500] + "...")}");
        }
        return (elapsed, body);
    }

    public void Dispose() => _http.Dispose();
}
