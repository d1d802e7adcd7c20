using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Glance.Benchmarks;

/// <summary>The few Images API v2 calls the benchmark makes, as a client would (no-auth mode: no identity headers).</summary>
internal sealed class GlanceApi(Uri baseAddress) : IDisposable
{
    private const int ReadBufferSize = 1024 * 1024;
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>POST /v2/images: a raw/bare image (any bytes are valid raw content); returns its id.</summary>
    public async Task<string> CreateImageAsync(string name, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["name"] = name,
            ["disk_format"] = "raw",
            ["container_format"] = "bare",
        });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/v2/images", content, cancellationToken);
        using var json = await ReadJsonAsync(response, HttpStatusCode.Created, "POST /v2/images", cancellationToken);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>POST /v2/images/{id}/upload-url: the SAS URL to upload the bytes to.</summary>
    public async Task<Uri> IssueUploadUrlAsync(string imageId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync($"/v2/images/{imageId}/upload-url", content: null, cancellationToken);
        using var json = await ReadJsonAsync(response, HttpStatusCode.Created, "POST upload-url", cancellationToken);
        return new Uri(json.RootElement.GetProperty("url").GetString()!);
    }

    /// <summary>GET /v2/images/{id}: status and multihash.</summary>
    public async Task<(string Status, string? HashValue)> ShowAsync(string imageId, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"/v2/images/{imageId}", cancellationToken);
        using var json = await ReadJsonAsync(response, HttpStatusCode.OK, "GET /v2/images/{id}", cancellationToken);
        var root = json.RootElement;
        var hash = root.TryGetProperty("os_hash_value", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return (root.GetProperty("status").GetString()!, hash);
    }

    /// <summary>
    /// Polls GET /v2/images/{id} every <paramref name="interval"/> until active; records when each status was
    /// first seen (relative to <paramref name="clock"/>). Fails if the image falls back to queued (validation failed).
    /// </summary>
    public async Task<StatusTrace> WaitUntilActiveAsync(
        string imageId, Stopwatch clock, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var firstSeen = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var deadline = clock.Elapsed + timeout;
        while (true)
        {
            var (status, hash) = await ShowAsync(imageId, cancellationToken);
            firstSeen.TryAdd(status, clock.Elapsed);
            if (status == "active")
            {
                return new StatusTrace(firstSeen, hash);
            }
            if (status is "queued" or "killed" or "deleted")
            {
                throw new InvalidOperationException($"Image {imageId} went to '{status}' instead of active: validation failed. {await TasksAsync(imageId, cancellationToken)}");
            }
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Image {imageId} is still '{status}' after {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>PUT /v2/images/{id}/file streaming the file; returns when the service answered (the image is then active).</summary>
    public async Task PutFileAsync(string imageId, string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var content = new StreamContent(file, ReadBufferSize);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = file.Length;
        using var response = await _http.PutAsync($"/v2/images/{imageId}/file", content, cancellationToken);
        await EnsureStatusAsync(response, HttpStatusCode.NoContent, "PUT /file", cancellationToken);
    }

    /// <summary>GET /v2/images/{id}/file read to the end; returns the number of bytes received.</summary>
    public async Task<long> DownloadFileAsync(string imageId, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"/v2/images/{imageId}/file", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureStatusAsync(response, HttpStatusCode.OK, "GET /file", cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await Drain.ReadToEndAsync(body, cancellationToken);
    }

    public async Task DeleteImageAsync(string imageId, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync($"/v2/images/{imageId}", cancellationToken);
        await EnsureStatusAsync(response, HttpStatusCode.NoContent, "DELETE /v2/images/{id}", cancellationToken);
    }

    private async Task<string> TasksAsync(string imageId, CancellationToken cancellationToken)
    {
        try
        {
            return "Tasks: " + await _http.GetStringAsync($"/v2/images/{imageId}/tasks", cancellationToken);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        await EnsureStatusAsync(response, expected, what, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    private static async Task EnsureStatusAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new GlanceApiException(what, response.StatusCode, Truncate(body));
        }
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "...";

    public void Dispose() => _http.Dispose();
}
