// Listing at scale: seeds 1k images across 100 projects, times list requests, grows the catalogue to 100k and times
// them again, each against the raw floor (one Azurite range read of 25 listing rows) measured at the same moment.
// Goals: default list p50 at 100k / at 1k <= 1.5; first page of 25 <= 3x the raw floor.
// Usage: scripts/bench-listing.sh [--images 100000] [--reps 40]. Ctrl-C stops it and removes its Azurite.
using Azure.Data.Tables;
using Glance.Benchmarks;
using Glance.Benchmarks.Support;
using Glance.LocalHost;
using Glance.LocalServers;
using Glance.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

const string Usage = "Usage: scripts/bench-listing.sh [--images N (default 100000, at least 1000)] [--reps N (default 40)]";
const int Projects = 100;
const int SmallCatalogue = 1_000;
return await BenchMain.RunAsync(args, Usage, ParseOptions, RunAsync);

static (int Images, int Reps) ParseOptions(IReadOnlyList<string> args)
{
    int images = 100_000, reps = 40;
    OptionReader.Read(args, new()
    {
        ["--images"] = option => images = option.PositiveInteger(),
        ["--reps"] = option => reps = option.PositiveInteger(),
    });
    return images >= SmallCatalogue ? (images, reps) : throw new ArgumentException($"--images must be at least {SmallCatalogue}, the small catalogue.");
}

static async Task<int> RunAsync((int Images, int Reps) options, CancellationToken cancellationToken)
{
    var (images, reps) = options;
    // The local host runs in this process (a project reference), so only Azurite is needed from the repository.
    var layout = RepositoryLayout.Locate(null, needsLocalHostBuild: false);
    var folder = Directory.CreateTempSubdirectory("glance-bench-listing-").FullName;
    await using var azurite = await AzuriteServer.StartAsync(layout, folder, cancellationToken, inMemory: true);
    var app = GlanceLocalHost.Build(["--LocalSettings", "/nonexistent/local.settings.json"], new Dictionary<string, string?>
    {
        ["urls"] = "http://127.0.0.1:0",
        ["GlanceStorage"] = azurite.ConnectionString,
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["Glance:Auth:Mode"] = "trusted",
        ["Glance:Events:Enabled"] = "false",
        // The sweepers scan the images table; keep them out of the timings (they run once a minute in production).
        ["Glance:LocalHost:Timers:Interval"] = "01:00:00",
        ["Logging:LogLevel:Default"] = "Warning",
    });
    await app.StartAsync(cancellationToken);
    try
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var tables = app.Services.GetRequiredService<TableServiceClient>();
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var seeder = new CatalogueSeeder(tables, storage, Projects);
        var probe = new ListingProbe(http, tables.GetTableClient(storage.ImageIndexTable), reps);

        Console.WriteLine($"Listing benchmark: {Projects} projects, 30% public, 20% shared (2 members), 10% community, 30% private, 10% hidden; " +
            $"{reps} timed requests per cell, loopback, one Azurite; {Environment.ProcessorCount} cores");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await seeder.SeedAsync(0, SmallCatalogue, cancellationToken);
        Console.WriteLine($"seeded {SmallCatalogue} images in {clock.Elapsed.TotalSeconds:F0} s");
        var small = await probe.MeasureAsync(cancellationToken);
        clock.Restart();
        for (var from = SmallCatalogue; from < images; from += 10_000)
        {
            await seeder.SeedAsync(from, Math.Min(images, from + 10_000), cancellationToken);
            Console.WriteLine($"  {Math.Min(images, from + 10_000)} images after {clock.Elapsed.TotalSeconds:F0} s");
        }
        Console.WriteLine($"seeded {images} images in {clock.Elapsed.TotalSeconds:F0} s more");
        var large = await probe.MeasureAsync(cancellationToken);
        ListingReport.Print(SmallCatalogue, small, images, large);
    }
    finally
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
    return 0;
}
