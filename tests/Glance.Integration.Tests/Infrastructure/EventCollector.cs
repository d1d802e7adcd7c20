using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A real HTTP listener on loopback standing in for Event Grid: it records every request the SDK sends
/// (content type, key header, the JSON array of CloudEvents) and can be told to fail for a while.
/// </summary>
public sealed class EventCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile int _failuresLeft;

    public sealed record Delivery(string ContentType, string? Key, JsonElement Body);

    private EventCollector(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}/events";
    }

    public string Url { get; }

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public IEnumerable<JsonElement> Events => Deliveries.SelectMany(d => d.Body.EnumerateArray());

    public IEnumerable<JsonElement> EventsOf(string imageId) => Events.Where(e => e.GetProperty("subject").GetString() == $"/images/{imageId}");

    /// <summary>Answers the next <paramref name="count"/> deliveries with 500.</summary>
    public void FailNext(int count) => _failuresLeft = count;

    public static async Task<EventCollector> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var collector = new EventCollector(app, port);
        app.MapPost("/events", async (HttpRequest request) =>
        {
            if (Interlocked.Decrement(ref collector._failuresLeft) >= 0)
            {
                return Results.StatusCode(500);
            }
            using var body = await JsonDocument.ParseAsync(request.Body);
            collector.Deliveries.Enqueue(new Delivery(request.ContentType ?? "", request.Headers["aeg-sas-key"].FirstOrDefault(), body.RootElement.Clone()));
            return Results.Ok();
        });
        await app.StartAsync();
        return collector;
    }

    public async Task<List<JsonElement>> WaitForAsync(Func<IEnumerable<JsonElement>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(Events) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        return Events.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
