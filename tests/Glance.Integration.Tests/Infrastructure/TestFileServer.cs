using System.Collections.Concurrent;
using Glance.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>A loopback HTTP server with files the tests publish, for web-download imports.</summary>
public sealed class TestFileServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private TestFileServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<TestFileServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new TestFileServer(app, port);
        app.MapGet("/files/{name}", (string name) =>
            server._files.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "application/octet-stream") : Results.NotFound());
        await app.StartAsync();
        return server;
    }

    public Uri Publish(string name, byte[] content)
    {
        _files[name] = content;
        return new Uri($"http://127.0.0.1:{Port}/files/{name}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
