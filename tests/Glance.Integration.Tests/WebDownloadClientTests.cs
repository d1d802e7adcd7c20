using System.Collections.Concurrent;
using System.Net;
using Glance.Domain.Errors;
using Glance.Domain.Importing;
using Glance.Integration.Tests.Infrastructure;
using Glance.LocalServers;
using Glance.Storage.WebDownload;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Glance.Integration.Tests;

/// <summary>The web-download client against a real HTTP server on 127.0.0.1; needs no Azurite.</summary>
public sealed class WebDownloadClientTests : IAsyncLifetime
{
    private static readonly byte[] Image = CreateImage(3 * 1024 * 1024 + 4321);
    private const int GatedPrefixLength = 1024 * 1024;

    private readonly int _port = FreePort.Next();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _server;

    private string Origin => $"http://127.0.0.1:{_port}";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Origin);
        _server = builder.Build();
        _server.Use(async (context, next) =>
        {
            _requests.Enqueue(context.Request.Path.Value ?? "");
            await next(context);
        });
        _server.MapGet("/image", context => WriteAsync(context, Image));
        _server.MapGet("/gated", WriteGatedAsync);
        _server.MapGet("/gzip", context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return WriteAsync(context, Image[..4096]);
        });
        _server.MapGet("/chain/{n:int}", WriteChainHopAsync);
        _server.MapGet("/loop", context => Redirect(context, StatusCodes.Status302Found, "/loop"));
        _server.MapGet("/to-disallowed-port", context => Redirect(context, StatusCodes.Status302Found, "http://127.0.0.1:6379/image"));
        _server.MapGet("/to-encoded-host", context => Redirect(context, StatusCodes.Status307TemporaryRedirect, $"http://0x7f.1:{_port}/image"));
        _server.MapGet("/to-file", context => Redirect(context, StatusCodes.Status301MovedPermanently, "file:///etc/passwd"));
        _server.MapGet("/missing", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _gate.TrySetResult();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task OpenAsync_LargeBody_StreamsByteExactly()
    {
        using var client = LocalClient();

        await using var response = await client.OpenAsync(new Uri($"{Origin}/image"));

        Assert.Equal(Image.Length, response.ContentLength);
        Assert.Equal(Image, await ReadAllAsync(response.Content));
    }

    [Fact]
    public async Task OpenAsync_BodyStillBeingSent_ReturnsBeforeTheServerFinishes()
    {
        using var client = LocalClient();

        // The server holds back everything after the first MiB until the gate opens: a buffering client never returns.
        await using var response = await client.OpenAsync(new Uri($"{Origin}/gated")).WaitAsync(TimeSpan.FromSeconds(30));
        var prefix = new byte[GatedPrefixLength];
        await response.Content.ReadExactlyAsync(prefix).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        _gate.SetResult();
        var rest = await ReadAllAsync(response.Content);

        Assert.Equal(Image, prefix.Concat(rest).ToArray());
    }

    [Fact]
    public async Task OpenAsync_CompressedBody_IsNotDecompressed()
    {
        using var client = LocalClient();

        await using var response = await client.OpenAsync(new Uri($"{Origin}/gzip"));

        Assert.Equal(Image[..4096], await ReadAllAsync(response.Content));
    }

    [Fact]
    public async Task OpenAsync_RedirectChainOfMaxRedirects_FollowsEveryHop()
    {
        using var client = LocalClient();

        await using var response = await client.OpenAsync(new Uri($"{Origin}/chain/5"));

        Assert.Equal(Image, await ReadAllAsync(response.Content));
        Assert.Equal($"{Origin}/chain/0", response.FinalUri.ToString());
        Assert.Equal(["/chain/5", "/chain/4", "/chain/3", "/chain/2", "/chain/1", "/chain/0"], _requests);
    }

    [Fact]
    public async Task OpenAsync_ChainLongerThanMaxRedirects_IsBadRequestBeforeTheLastHop()
    {
        var options = LocalOptions();
        options.MaxRedirects = 4;
        using var client = Client(options);

        var error = await Assert.ThrowsAsync<GlanceException>(() => client.OpenAsync(new Uri($"{Origin}/chain/5")));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        Assert.Contains("more than 4 redirects", error.Message);
        Assert.DoesNotContain("/chain/0", _requests);
    }

    [Fact]
    public async Task OpenAsync_RedirectLoop_StopsAtMaxRedirectsWithBadRequest()
    {
        using var client = LocalClient();

        var error = await Assert.ThrowsAsync<GlanceException>(() => client.OpenAsync(new Uri($"{Origin}/loop")));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        Assert.Equal($"Web-download of {Origin}/loop failed: more than 5 redirects", error.Message);
        Assert.Equal(6, _requests.Count);
    }

    [Fact]
    public async Task OpenAsync_RedirectToDisallowedPort_IsRejectedByTheFilter()
    {
        using var client = LocalClient();

        var error = await Assert.ThrowsAsync<GlanceException>(() => client.OpenAsync(new Uri($"{Origin}/to-disallowed-port")));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        Assert.Equal("URI for web-download does not pass filtering: http://127.0.0.1:6379/image", error.Message);
    }

    [Theory]
    [InlineData("/to-encoded-host")]
    [InlineData("/to-file")]
    public async Task OpenAsync_RedirectToRefusedTarget_NeverRequestsIt(string path)
    {
        using var client = LocalClient();

        var error = await Assert.ThrowsAsync<GlanceException>(() => client.OpenAsync(new Uri($"{Origin}{path}")));

        Assert.StartsWith("URI for web-download does not pass filtering: ", error.Message);
        Assert.Equal([path], _requests);
    }

    [Fact]
    public async Task OpenAsync_NotFound_IsBadRequest()
    {
        using var client = LocalClient();

        var error = await Assert.ThrowsAsync<GlanceException>(() => client.OpenAsync(new Uri($"{Origin}/missing")));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        Assert.Equal($"Web-download of {Origin}/missing failed: {Origin}/missing answered HTTP 404 Not Found", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenAsync_LoopbackWithDefaultAddressRules_IsRejectedBeforeAnyConnection(bool allowPort)
    {
        var options = new WebDownloadOptions();
        if (allowPort)
        {
            options.AllowedPorts = [_port];
        }

        using var client = Client(options);

        var error = await Assert.ThrowsAsync<GlanceException>(() => client.OpenAsync(new Uri($"{Origin}/image")));

        Assert.Equal($"URI for web-download does not pass filtering: {Origin}/image", error.Message);
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task OpenAsync_LocalhostName_ConnectsToAResolvedLoopbackAddress()
    {
        using var client = LocalClient();

        await using var response = await client.OpenAsync(new Uri($"http://localhost:{_port}/image"));

        Assert.Equal(Image, await ReadAllAsync(response.Content));
    }

    [Fact]
    public async Task OpenAsync_NameVettedByTheFilter_ConnectsOnlyToTheVettedAddress()
    {
        // ".invalid" never resolves (RFC 6761): reaching the server proves the client did no DNS lookup of its own.
        var options = LocalOptions();
        using var client = Client(options, new FixedResolver(IPAddress.Loopback));

        await using var response = await client.OpenAsync(new Uri($"http://images.invalid:{_port}/image"));

        Assert.Equal(Image, await ReadAllAsync(response.Content));
    }

    private WebDownloadOptions LocalOptions() => new() { AllowNonPublicAddresses = true, AllowedPorts = [_port] };

    private WebDownloadClient LocalClient() => Client(LocalOptions());

    private static WebDownloadClient Client(WebDownloadOptions options, IHostResolver? resolver = null) =>
        new(new WebDownloadUriFilter(options, resolver ?? new DnsHostResolver()), options);

    private static byte[] CreateImage(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(Stream content)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentLength = body.Length;
        for (int offset = 0; offset < body.Length; offset += 64 * 1024)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
        }
    }

    private async Task WriteGatedAsync(HttpContext context)
    {
        context.Response.ContentLength = Image.Length;
        await context.Response.Body.WriteAsync(Image.AsMemory(0, GatedPrefixLength));
        await context.Response.Body.FlushAsync();
        await _gate.Task;
        await context.Response.Body.WriteAsync(Image.AsMemory(GatedPrefixLength));
    }

    // Every redirect status, and every form of Location: path-absolute, absolute, path-relative, network-path.
    private Task WriteChainHopAsync(HttpContext context)
    {
        int n = int.Parse((string)context.Request.RouteValues["n"]!);
        return n switch
        {
            5 => Redirect(context, StatusCodes.Status301MovedPermanently, "/chain/4"),
            4 => Redirect(context, StatusCodes.Status302Found, $"{Origin}/chain/3"),
            3 => Redirect(context, StatusCodes.Status303SeeOther, "2"),
            2 => Redirect(context, StatusCodes.Status307TemporaryRedirect, $"//127.0.0.1:{_port}/chain/1"),
            1 => Redirect(context, StatusCodes.Status308PermanentRedirect, "/chain/0"),
            _ => WriteAsync(context, Image),
        };
    }

    private static Task Redirect(HttpContext context, int status, string location)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private sealed class FixedResolver(IPAddress address) : IHostResolver
    {
        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<IPAddress>>([address]);
    }
}
