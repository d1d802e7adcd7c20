using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Glance.Upload;

/// <summary>The few Images API v2 calls the command makes. Errors become <see cref="GlanceApiException"/>.</summary>
internal sealed partial class GlanceApiClient : IDisposable
{
    private readonly HttpClient _http;

    public GlanceApiClient(UploadOptions options, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        // The endpoint may have a path (a catalogue entry such as https://host/image): keep it, add /v2/... under it.
        _http.BaseAddress = new Uri(options.Endpoint.ToString().TrimEnd('/') + "/");
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("glance-upload", "1.0"));
        if (options.Token is not null)
        {
            _http.DefaultRequestHeaders.Add("X-Auth-Token", options.Token);
        }
        if (options.Project is not null)
        {
            // keystonemiddleware's headers, which the service's noauth and trusted modes read.
            _http.DefaultRequestHeaders.Add("X-Identity-Status", "Confirmed");
            _http.DefaultRequestHeaders.Add("X-Project-Id", options.Project);
            _http.DefaultRequestHeaders.Add("X-Roles", options.Roles);
        }
    }

    /// <summary>POST /v2/images with the name, formats, visibility and extra properties.</summary>
    public async Task<ImageInfo> CreateImageAsync(UploadOptions options, CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in options.Properties)
        {
            body[key] = value;
        }
        body["name"] = options.Name!;
        body["disk_format"] = options.DiskFormat!;
        body["container_format"] = options.ContainerFormat;
        if (options.Visibility is not null)
        {
            body["visibility"] = options.Visibility;
        }
        using var response = await _http.PostAsync("v2/images", Json(body), cancellationToken);
        using var json = await ReadAsync(response, "creating the image", cancellationToken);
        return ImageInfo.FromJson(json.RootElement);
    }

    /// <summary>GET /v2/images/{id}; null when the image does not exist (or the caller cannot see it).</summary>
    public async Task<ImageInfo?> FindImageAsync(string imageId, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync($"v2/images/{Uri.EscapeDataString(imageId)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        using var json = await ReadAsync(response, $"reading image {imageId}", cancellationToken);
        return ImageInfo.FromJson(json.RootElement);
    }

    /// <summary>
    /// POST /v2/images/{id}/upload-url declaring the size (and the MD5 once known), which the validation enforces.
    /// The service gives a new URL for the same blob while the image is uploading, so asking again is how a
    /// resumed or long upload gets a fresh one.
    /// </summary>
    public async Task<UploadUrl> IssueUploadUrlAsync(string imageId, long size, string? checksum, CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, object> { ["size"] = size };
        if (checksum is not null)
        {
            body["checksum"] = checksum;
        }
        using var response = await _http.PostAsync($"v2/images/{Uri.EscapeDataString(imageId)}/upload-url", Json(body), cancellationToken);
        var now = DateTimeOffset.UtcNow;
        using var json = await ReadAsync(response, $"asking for an upload URL for image {imageId}", cancellationToken);
        var root = json.RootElement;
        var expiresAt = root.GetProperty("expires_at").GetDateTimeOffset();
        // The lifetime by the service's clock, counted on ours: a skewed local clock must not expire URLs early or late.
        var lifetime = response.Headers.Date is { } serverNow ? expiresAt - serverNow : expiresAt - now;
        return new UploadUrl(new Uri(root.GetProperty("url").GetString()!), now, now + lifetime);
    }

    /// <summary>GET /v2/images/{id}/tasks: the newest task's status and message, or null if there is none.</summary>
    public async Task<(string Status, string Message)?> FindLatestTaskAsync(string imageId, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync($"v2/images/{Uri.EscapeDataString(imageId)}/tasks", cancellationToken);
        using var json = await ReadAsync(response, $"reading the tasks of image {imageId}", cancellationToken);
        var latest = json.RootElement.GetProperty("tasks").EnumerateArray()
            .OrderByDescending(t => t.GetProperty("created_at").GetDateTimeOffset())
            .Select(t => (t.GetProperty("status").GetString() ?? "", t.TryGetProperty("message", out var m) ? m.GetString() ?? "" : ""))
            .FirstOrDefault();
        return latest.Item1 is null ? null : latest;
    }

    public void Dispose() => _http.Dispose();

    private static StringContent Json<T>(T body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new GlanceApiException(response.StatusCode, $"The service refused {what}: {(int)response.StatusCode} {ErrorMessage(text, response.ReasonPhrase)}");
        }
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new GlanceApiException(response.StatusCode, $"The service's answer to {what} is not JSON: {e.Message}");
        }
    }

    /// <summary>Glance's error body is <c>{"message": "explanation&lt;br /&gt;&lt;br /&gt;\ndetail", ...}</c>; one line of it.</summary>
    private static string ErrorMessage(string body, string? reason)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message))
            {
                return Whitespace().Replace(message.GetString()!.Replace("<br />", " ", StringComparison.Ordinal), " ").Trim();
            }
        }
        catch (JsonException)
        {
        }
        var text = Whitespace().Replace(body, " ").Trim();
        return text.Length > 0 ? text[..Math.Min(text.Length, 300)] : reason ?? "";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
