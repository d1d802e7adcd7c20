using System.Collections.Concurrent;
using System.Text.Json;
using Glance.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A real HTTP listener on loopback standing in for Event Grid: it records every request the SDK sends
/// (content type, key header, the JSON array of CloudEvents) and can be told to fail for a while, to go away
/// (connections refused) and come back on the same port, or to hold deliveries unanswered until released.
/// </summary>
public sealed class EventCollector : IAsyncDisposable
{
    private readonly int _port;
    private WebApplication? _app;
    private volatile int _failuresLeft;
    private volatile TaskCompletionSource _gate = Open();
    private int _held;

    public sealed record Delivery(string ContentType, string? Key, JsonElement Body);

    private EventCollector(int port)
    {
        _port = port;
        Url = $"http://127.0.0.1:{port}/events";
    }

    public string Url { get; }

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public IEnumerable<JsonElement> Events => Deliveries.SelectMany(d => d.Body.EnumerateArray());

    public IEnumerable<JsonElement> EventsOf(string imageId) => Events.Where(e => e.GetProperty("subject").GetString() == $"/images/{imageId}");

    /// <summary>Deliveries received and waiting, unanswered, for <see cref="Release"/>.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Answers the next <paramref name="count"/> deliveries with 500.</summary>
    public void FailNext(int count) => _failuresLeft = count;

    /// <summary>Keeps every delivery from now on waiting, unanswered and unrecorded, until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers and records the held deliveries, and lets later ones through.</summary>
    public void Release() => _gate.TrySetResult();

    public static async Task<EventCollector> StartAsync()
    {
        var collector = new EventCollector(FreePort.Next());
        await collector.ListenAsync();
        return collector;
    }

    /// <summary>Stops listening: deliveries are refused at the TCP level, as when the receiver is down.</summary>
    public async Task StopListeningAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Listens again on the same port, keeping what was received.</summary>
    public Task ListenAgainAsync() => _app is null ? ListenAsync() : Task.CompletedTask;

    private async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        var app = builder.Build();
        app.MapPost("/events", async (HttpRequest request) =>
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                return Results.StatusCode(500);
            }
            using var body = await JsonDocument.ParseAsync(request.Body);
            var gate = _gate;
            if (!gate.Task.IsCompleted)
            {
                Interlocked.Increment(ref _held);
                await gate.Task;
                Interlocked.Decrement(ref _held);
            }
            Deliveries.Enqueue(new Delivery(request.ContentType ?? "", request.Headers["aeg-sas-key"].FirstOrDefault(), body.RootElement.Clone()));
            return Results.Ok();
        });
        await app.StartAsync();
        _app = app;
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
        Release();
        await StopListeningAsync();
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
