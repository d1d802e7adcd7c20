using Glance.LocalHost;

var app = GlanceLocalHost.Build(args);
await app.StartAsync();
foreach (var url in app.Urls)
{
    Console.WriteLine($"Glance API listening on {url}");
}
await app.WaitForShutdownAsync();
