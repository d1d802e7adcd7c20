// Measures what the event outbox adds to the request path: p50 (and p95) latency of POST /v2/images and
// PATCH /v2/images/{id} with notifications on (events committed with each change and published to a webhook)
// and off (Glance__Events__Enabled=false), in one run against one Azurite. Goal: on/off p50 ratio <= 1.2.
// Usage: scripts/bench-events.sh [requests per kind, default 400]. Ctrl-C stops it and removes its Azurite.
using System.Diagnostics;
using System.Text;
using Glance.Benchmarks.Support;
using Glance.LocalHost;
using Glance.LocalServers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

const string Usage = "Usage: scripts/bench-events.sh [requests per kind, a positive multiple of 10; default 400]";
return await BenchMain.RunAsync(args, Usage, ParseRequests, RunAsync);

static int ParseRequests(IReadOnlyList<string> args) => args.Count switch
{
    0 => 400,
    1 when int.TryParse(args[0], out var n) && n >= 10 && n % 10 == 0 => n,
    1 => throw new ArgumentException($"The number of requests must be a positive multiple of 10 (they run in 10 rounds), not '{args[0]}'."),
    _ => throw new ArgumentException("Only one argument: the number of requests per kind."),
};

static async Task<int> RunAsync(int requests, CancellationToken cancellationToken)
{
    // The local host runs in this process (a project reference), so only Azurite is needed from the repository.
    var layout = RepositoryLayout.Locate(null, needsLocalHostBuild: false);
    // On disk, not in memory: the published figures were measured with Azurite persisting, as both modes here still are.
    var folder = Directory.CreateTempSubdirectory("glance-bench-events-").FullName;
    await using var azurite = await AzuriteServer.StartAsync(layout, folder, cancellationToken);
    var webhook = WebApplication.CreateSlimBuilder();
    // Only the count of deliveries matters here; a log line per request would bury the report.
    webhook.Logging.SetMinimumLevel(LogLevel.Warning);
    var webhookPort = FreePort.Next();
    webhook.WebHost.UseUrls($"http://127.0.0.1:{webhookPort}");
    await using var receiver = webhook.Build();
    long received = 0;
    receiver.MapPost("/", async (HttpRequest r) => { await r.Body.CopyToAsync(Stream.Null); Interlocked.Increment(ref received); return Results.Ok(); });
    await receiver.StartAsync(cancellationToken);

    await using var on = await StartHostAsync(azurite.ConnectionString, new() { ["Glance:Events:Webhooks:0"] = $"http://127.0.0.1:{webhookPort}/" });
    await using var off = await StartHostAsync(azurite.ConnectionString, new() { ["Glance:Events:Enabled"] = "false" });
    var hosts = new[] { ("events on", on), ("events off", off) };
    var results = hosts.ToDictionary(h => h.Item1, _ => (Create: new List<double>(), Patch: new List<double>()));
    foreach (var (name, host) in hosts)
    {
        await MeasureAsync(host.Client, 30, new(), new(), cancellationToken); // warm-up: JIT, connections, tables
    }
    // Interleave the two hosts in rounds, so drifts of a noisy machine hit both alike.
    for (var round = 0; round < 10; round++)
    {
        foreach (var (name, host) in round % 2 == 0 ? hosts : hosts.Reverse())
        {
            await MeasureAsync(host.Client, requests / 10, results[name].Create, results[name].Patch, cancellationToken);
        }
    }
    Console.WriteLine($"Event outbox on the request path: {requests} creates and {requests} PATCHes per mode, sequential, loopback, one Azurite; {Environment.ProcessorCount} cores");
    Console.WriteLine($"{"mode",-12} {"create p50",12} {"create p95",12} {"PATCH p50",12} {"PATCH p95",12}");
    foreach (var (name, (create, patch)) in results)
    {
        Console.WriteLine($"{name,-12} {P(create, 50),10:F2}ms {P(create, 95),10:F2}ms {P(patch, 50),10:F2}ms {P(patch, 95),10:F2}ms");
    }
    var createRatio = P(results["events on"].Create, 50) / P(results["events off"].Create, 50);
    var patchRatio = P(results["events on"].Patch, 50) / P(results["events off"].Patch, 50);
    Console.WriteLine($"p50 ratio on/off: create {createRatio:F2}x, PATCH {patchRatio:F2}x (goal <= 1.2x: {(createRatio <= 1.2 && patchRatio <= 1.2 ? "PASS" : "MISS")}); webhook batches received: {Interlocked.Read(ref received)}");
    return 0;
}

static async Task MeasureAsync(HttpClient client, int count, List<double> create, List<double> patch, CancellationToken cancellationToken)
{
    for (var i = 0; i < count; i++)
    {
        var clock = Stopwatch.StartNew();
        using var created = await client.PostAsync("/v2/images", new StringContent("""{"name":"bench","k":"v"}""", Encoding.UTF8, "application/json"), cancellationToken);
        create.Add(clock.Elapsed.TotalMilliseconds);
        created.EnsureSuccessStatusCode();
        var id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("id").GetString();
        var body = new StringContent("""[{"op":"replace","path":"/name","value":"renamed"}]""", Encoding.UTF8);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/openstack-images-v2.1-json-patch");
        clock.Restart();
        using var patched = await client.PatchAsync($"/v2/images/{id}", body, cancellationToken);
        patch.Add(clock.Elapsed.TotalMilliseconds);
        patched.EnsureSuccessStatusCode();
    }
}

static double P(List<double> values, int percentile) => Percentiles.NearestRank(values, percentile);

static async Task<Host> StartHostAsync(string connection, Dictionary<string, string?> settings)
{
    settings["urls"] = "http://127.0.0.1:0";
    settings["GlanceStorage"] = connection;
    settings["AzureWebJobsStorage"] = connection;
    settings["Glance:Auth:Mode"] = "noauth";
    settings["Logging:LogLevel:Default"] = "Warning";
    var app = GlanceLocalHost.Build(["--LocalSettings", "/nonexistent/local.settings.json"], settings);
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    return new Host(app, new HttpClient { BaseAddress = new Uri(address) });
}

internal sealed record Host(WebApplication App, HttpClient Client) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
