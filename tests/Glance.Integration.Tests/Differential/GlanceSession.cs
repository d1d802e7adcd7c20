using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// Runs steps against one Glance endpoint and normalises what comes back: every UUID becomes an alias numbered by
/// first sighting in this session (so two sessions that create images in the same order agree), timestamps are
/// checked for Glance's format and then masked, the base URL is masked, and an error keeps its code, title and the
/// first line of its message (Glance adds jsonschema's multi-line detail to schema errors).
/// </summary>
public sealed partial class GlanceSession(string baseUrl)
{
    // Redirects are observations too (Glance's router answers /v2 with a 302 to /v2/).
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
    private readonly Dictionary<string, string> _captured = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.OrdinalIgnoreCase);

    public async Task<Observation> RunAsync(Step step)
    {
        if (step.Settled)
        {
            await SettleAsync(step);
        }
        // Appended to the base URL as text, so that a path starting with "//" stays a path.
        var request = new HttpRequestMessage(new HttpMethod(step.Method), new Uri(baseUrl.TrimEnd('/') + Expand(step.Path)));
        request.Headers.Accept.ParseAdd("application/json");
        if (step.Identified)
        {
            request.Headers.Add("X-Identity-Status", "Confirmed");
            if (step.Project is not null)
            {
                request.Headers.Add("X-Project-Id", step.Project);
            }
            if (step.Domain is not null)
            {
                request.Headers.Add("X-Domain-Id", step.Domain);
            }
            request.Headers.Add("X-User-Id", "u-" + (step.Project ?? "without-project"));
            request.Headers.Add("X-Roles", step.Roles);
        }
        foreach (var (name, value) in step.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (step.Range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", step.Range);
        }
        if (step.Body is not null)
        {
            request.Content = new StringContent(Expand(step.Body), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(step.ContentType);
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (step.Capture is not null)
        {
            _captured[step.Capture] = JsonNode.Parse(text)![step.CaptureField]!.GetValue<string>();
        }
        var body = Body(text, (int)response.StatusCode);
        if (step.IgnoreListLinks && body.StartsWith('{') && JsonNode.Parse(body) is JsonObject list && list["images"] is not null)
        {
            list.Remove("first");
            list.Remove("next");
            body = list.ToJsonString();
        }
        if (step.ResourceTypesNamed is { } named && body.StartsWith('{') && JsonNode.Parse(body) is JsonObject listed && listed["resource_types"] is JsonArray types)
        {
            listed["resource_types"] = new JsonArray(types.Where(t => t!["name"]!.GetValue<string>().Contains(named, StringComparison.Ordinal)).Select(t => t!.DeepClone()).ToArray());
            body = listed.ToJsonString();
        }
        return new Observation((int)response.StatusCode, Headers(response, text.Length > 0), body);
    }

    private async Task SettleAsync(Step step)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < until)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl.TrimEnd('/') + Expand(step.Path)));
            request.Headers.Add("X-Identity-Status", "Confirmed");
            request.Headers.Add("X-Project-Id", step.Project ?? "");
            request.Headers.Add("X-User-Id", "u-" + step.Project);
            request.Headers.Add("X-Roles", step.Roles);
            using var response = await _http.SendAsync(request);
            if (JsonNode.Parse(await response.Content.ReadAsStringAsync()) is not JsonObject image
                || (image["status"]?.GetValue<string>() != "importing" && image["os_glance_import_task"] is null))
            {
                return;
            }
            await Task.Delay(200);
        }
    }

    private string Expand(string text) => CapturedName().Replace(text, m => _captured.TryGetValue(m.Groups[1].Value, out var id) ? id : m.Value);

    private string Headers(HttpResponseMessage response, bool hasBody)
    {
        var parts = new List<string>();
        if (hasBody)
        {
            parts.Add("type=" + response.Content.Headers.ContentType?.MediaType);
        }
        if (response.Content.Headers.Allow.Count > 0)
        {
            parts.Add("allow=" + string.Join(",", response.Content.Headers.Allow.Order()));
        }
        if (response.Headers.TryGetValues("Accept-Patch", out var acceptPatch))
        {
            parts.Add("accept-patch=" + string.Join(",", acceptPatch));
        }
        foreach (var name in new[] { "Content-MD5", "Content-Range" })
        {
            if (response.Content.Headers.TryGetValues(name, out var values) || response.Headers.TryGetValues(name, out values))
            {
                parts.Add(name.ToLowerInvariant() + "=" + string.Join(",", values));
            }
        }
        // Zed's workers add their internal stores (os_glance_*) to this list once one of them has used them: which
        // worker answers decides whether they are listed. The configured stores are what a client can choose.
        if (response.Headers.TryGetValues("OpenStack-image-store-ids", out var stores))
        {
            parts.Add("openstack-image-store-ids=" + string.Join(",",
                string.Join(",", stores).Split(',').Where(s => !s.StartsWith("os_glance_", StringComparison.Ordinal))));
        }
        if (response.Headers.Location is { } location)
        {
            parts.Add("location=" + Normalise(location.ToString()));
        }
        return string.Join(" ", parts);
    }

    private string Body(string text, int status)
    {
        if (text.Length == 0)
        {
            return "";
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return "bytes:" + Normalise(text);
        }
        if (status >= 400 && node is JsonObject error && error["message"] is JsonValue message)
        {
            var firstLine = message.GetValue<string>().Split(["\n", "<br"], StringSplitOptions.None)[0].TrimEnd();
            return $"{error["code"]} | {error["title"]} | {Normalise(firstLine)}";
        }
        return Canonical(node)?.ToJsonString() ?? "null";
    }

    private JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => Normalise(p.Key), StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(Normalise(p.Key), p.Key == "tags" && p.Value is JsonArray tags && tags.All(t => t is JsonValue) ? SortedArray(tags) : Canonical(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Canonical).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var s) => JsonValue.Create(Normalise(s)),
        _ => node?.DeepClone(),
    };

    // Glance's image tags are a set with no defined order (metadef tags are objects, in the catalogue's order).
    private static JsonNode SortedArray(JsonArray array) =>
        new JsonArray(array.Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal).Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());

    private string Normalise(string text)
    {
        text = text.Replace(_http.BaseAddress!.ToString().TrimEnd('/'), "<base>", StringComparison.Ordinal);
        text = Uuid().Replace(text, m =>
        {
            if (!_aliases.TryGetValue(m.Value, out var alias))
            {
                alias = $"<uuid{_aliases.Count + 1}>";
                _aliases[m.Value] = alias;
            }
            return alias;
        });
        text = GlanceTimestamp().Replace(text, "<timestamp>");
        // A timestamp in a filter, as the query of a list's links carries it.
        text = EncodedTimestamp().Replace(text, "<timestamp>");
        return text;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")]
    private static partial Regex GlanceTimestamp();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\dZ")]
    private static partial Regex EncodedTimestamp();

    [GeneratedRegex(@"\{([a-z0-9_]+)\}")]
    private static partial Regex CapturedName();
}
