using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Glance.FunctionsHost.Tests.Infrastructure;
using Glance.FunctionsHost.Tests.Rpc;

namespace Glance.FunctionsHost.Tests;

/// <summary>
/// HTTP requests handled as the host handles them with this worker: routed by the host's rule over the functions the
/// worker reported, forwarded to the worker's own HTTP endpoint with the invocation id, invoked over the stream.
/// </summary>
[Collection(WorkerSessionCollection.Name)]
public sealed class HttpInvocationTests(WorkerSession session)
{
    [Fact]
    public async Task Versions_ForwardedToWorker_ListsGlanceVersions()
    {
        using var exchange = await session.SendHttpAsync(new HttpRequestMessage(HttpMethod.Get, "/versions"));

        var body = await AssertAnsweredAsync(exchange, HttpStatusCode.OK, HttpStatusCode.MultipleChoices);
        var versions = body.RootElement.GetProperty("versions").EnumerateArray()
            .ToDictionary(v => v.GetProperty("id").GetString()!, v => v.GetProperty("status").GetString());
        Assert.Equal("CURRENT", versions["v2.15"]);
        Assert.Equal("SUPPORTED", versions["v2.0"]);
        // Links name the address the client used (the host's), not the worker's own HTTP endpoint.
        Assert.All(body.RootElement.GetProperty("versions").EnumerateArray().SelectMany(v => v.GetProperty("links").EnumerateArray()),
            link => Assert.StartsWith(session.PublicUri.ToString().TrimEnd('/'), link.GetProperty("href").GetString()));
    }

    [Fact]
    public async Task ImageLifecycle_CreatePatchShow_EachReachesItsFunctionAndSucceeds()
    {
        using var created = await session.SendHttpAsync(Json(HttpMethod.Post, "/v2/images", """{"name":"host-contract","disk_format":"raw","container_format":"bare"}"""));
        var image = await AssertAnsweredAsync(created, HttpStatusCode.Created);
        var id = image.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("host-contract", image.RootElement.GetProperty("name").GetString());

        var patch = Json(HttpMethod.Patch, $"/v2/images/{id}", """[{"op":"replace","path":"/name","value":"patched-through-host"}]""");
        patch.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/openstack-images-v2.1-json-patch");
        using var patched = await session.SendHttpAsync(patch);
        Assert.Equal("patched-through-host", (await AssertAnsweredAsync(patched, HttpStatusCode.OK)).RootElement.GetProperty("name").GetString());

        using var shown = await session.SendHttpAsync(Get($"/v2/images/{id}"));
        var show = await AssertAnsweredAsync(shown, HttpStatusCode.OK);
        Assert.Equal(id, show.RootElement.GetProperty("id").GetString());
        Assert.Equal("patched-through-host", show.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ImageUnderVersionPrefixesAndDoubledSlashes_ReachesItsFunctionThroughTheWorker()
    {
        using var created = await session.SendHttpAsync(Json(HttpMethod.Post, "/v2.9/images", """{"name":"prefixed"}"""));
        var id = (await AssertAnsweredAsync(created, HttpStatusCode.Created)).RootElement.GetProperty("id").GetString()!;

        using var shown = await session.SendHttpAsync(Get($"/v2.15/images/{id}"));
        var show = await AssertAnsweredAsync(shown, HttpStatusCode.OK);
        // The fallback serves the path Glance reads once its runs of slashes are one, through the image function.
        using var doubled = await session.SendHttpAsync(Get($"/v2.0//images//{id}"));
        var viaFallback = await AssertAnsweredAsync(doubled, HttpStatusCode.OK);
        using var bare = await session.SendHttpAsync(Get("/v2.5"));

        Assert.Equal("Image", shown.Route!.FunctionName);
        Assert.Equal($"/v2/images/{id}", show.RootElement.GetProperty("self").GetString());
        Assert.Equal("Unmatched", doubled.Route!.FunctionName);
        Assert.Equal(id, viaFallback.RootElement.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Found, bare.Response.StatusCode);
        Assert.Equal(session.PublicUri.ToString().TrimEnd('/') + "/v2/", bare.Response.Headers.Location?.ToString());
    }

    /// <summary>Keystone's headers, which the noauth mode honours: the calls act for one project's member.</summary>
    internal static HttpRequestMessage WithCaller(HttpRequestMessage request)
    {
        request.Headers.Add("X-Identity-Status", "Confirmed");
        request.Headers.Add("X-Project-Id", "host-contract");
        request.Headers.Add("X-User-Id", "u-host-contract");
        request.Headers.Add("X-Roles", "member,reader");
        request.Headers.Add("Accept", "application/json");
        return request;
    }

    internal static HttpRequestMessage Get(string path) => WithCaller(new HttpRequestMessage(HttpMethod.Get, path));

    internal static HttpRequestMessage Json(HttpMethod method, string path, string json) =>
        WithCaller(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>
    /// The request reached a function, the invocation succeeded and the worker answered with one of
    /// <paramref name="expected"/>: the failure message names the function the host's rule picked and what came back.
    /// </summary>
    internal async Task<JsonDocument> AssertAnsweredAsync(HostHttpExchange exchange, params HttpStatusCode[] expected)
    {
        var body = await exchange.Response.Content.ReadAsStringAsync();
        var what = $"{exchange.Response.RequestMessage?.Method} {exchange.Response.RequestMessage?.RequestUri?.PathAndQuery}";
        Assert.True(exchange.Route is not null, $"{what}: no function route matches it, so the host answers 404.");
        Assert.True(expected.Contains(exchange.Response.StatusCode),
            $"{what} went to function {exchange.Route.FunctionName} (route {exchange.Route.Route.Template}, " +
            $"methods {string.Join(",", exchange.Route.Route.Methods ?? ["all"])}) under the host's rule and answered " +
            $"{(int)exchange.Response.StatusCode}, not {string.Join(" or ", expected.Select(s => (int)s))}: {body}");
        Assert.True(exchange.Invocation?.Result.Status == StatusResult.Types.Status.Success,
            $"{what}: invocation of {exchange.Route.FunctionName} ended {exchange.Invocation?.Result.Status}: " +
            $"{exchange.Invocation?.Result.Exception?.Message}{Environment.NewLine}{session.Describe()}");
        // 202 and 204 carry no body; an empty document stands for it.
        return JsonDocument.Parse(body.Length == 0 ? "{}" : body);
    }
}
