using System.Collections.Concurrent;
using System.Text.Json;
using Glance.LoadWorkload;
using Glance.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Glance.LoadTest;

/// <summary>
/// The webhook the local host forwards its CloudEvents batches to (Glance__Events__Webhooks__0), on a free loopback
/// port: it keeps each event once by id, which is how a consumer de-duplicates at-least-once delivery.
/// </summary>
internal sealed class EventReceiver : IEventLog, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ReceivedEvent> _events = new(StringComparer.Ordinal);
    private long _redeliveries;

    private EventReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public long Redeliveries => Interlocked.Read(ref _redeliveries);

    public IReadOnlyCollection<ReceivedEvent> Snapshot() => _events.Values.ToList();

    public static async Task<EventReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new EventReceiver(app, $"http://127.0.0.1:{port}/events");
        app.MapPost("/events", async (HttpRequest request) =>
        {
            using var batch = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            foreach (var cloudEvent in batch.RootElement.EnumerateArray())
            {
                receiver.Add(cloudEvent);
            }
            return Results.Ok();
        });
        await app.StartAsync(cancellationToken);
        return receiver;
    }

    private void Add(JsonElement cloudEvent)
    {
        var id = cloudEvent.GetProperty("id").GetString()!;
        var subject = cloudEvent.TryGetProperty("subject", out var s) ? s.GetString() ?? "" : "";
        var imageId = subject.StartsWith("/images/", StringComparison.Ordinal) ? subject["/images/".Length..] : subject;
        if (!_events.TryAdd(id, new ReceivedEvent(id, cloudEvent.GetProperty("type").GetString()!, imageId)))
        {
            Interlocked.Increment(ref _redeliveries);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
