using System.Collections.Concurrent;
using Glance.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP server that sends its files slowly (a chunk, then a pause) or stops sending part-way and keeps the
/// connection open, so web-download tests can act while a download is in flight, or watch one stall.
/// </summary>
public sealed class TricklingFileServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Trickle> _files = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private TricklingFileServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<TricklingFileServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new TricklingFileServer(app, port);
        app.MapGet("/trickle/{name}", (string name, HttpContext context) =>
            server._files.TryGetValue(name, out var file) ? file.SendAsync(context) : Task.FromResult(Results.NotFound()));
        await app.StartAsync();
        return server;
    }

    /// <summary>
    /// Serves <paramref name="content"/> in chunks of <paramref name="chunkSize"/> bytes with <paramref name="pause"/>
    /// between them; with <paramref name="stallAfter"/>, sends only that many bytes and then nothing more.
    /// </summary>
    public (Uri Uri, Task Sent) Publish(string name, byte[] content, int chunkSize, TimeSpan pause, int? stallAfter = null)
    {
        var file = new Trickle(content, chunkSize, pause, stallAfter);
        _files[name] = file;
        return (new Uri($"http://127.0.0.1:{Port}/trickle/{name}"), file.Sent.Task);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Trickle(byte[] content, int chunkSize, TimeSpan pause, int? stallAfter)
    {
        /// <summary>Completes once the last byte has been written.</summary>
        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IResult> SendAsync(HttpContext context)
        {
            var aborted = context.RequestAborted;
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = content.Length;
            try
            {
                for (var offset = 0; offset < content.Length; offset += chunkSize)
                {
                    var end = Math.Min(content.Length, offset + chunkSize);
                    if (stallAfter is { } stall && end > stall)
                    {
                        await context.Response.Body.WriteAsync(content.AsMemory(offset, Math.Max(0, stall - offset)), aborted);
                        await context.Response.Body.FlushAsync(aborted);
                        await Task.Delay(Timeout.Infinite, aborted);
                    }
                    await context.Response.Body.WriteAsync(content.AsMemory(offset, end - offset), aborted);
                    await context.Response.Body.FlushAsync(aborted);
                    if (end < content.Length)
                    {
                        await Task.Delay(pause, aborted);
                    }
                }
                Sent.TrySetResult();
            }
            catch (OperationCanceledException)
            {
                // The downloader gave up (idle timeout) or the host died: nothing more to send.
            }
            return Results.Empty;
        }
    }
}
