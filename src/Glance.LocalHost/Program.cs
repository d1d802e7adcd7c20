using Glance.LocalHost;

if (args.FirstOrDefault() == MetadefLoadCommand.Name)
{
    return await MetadefLoadCommand.RunAsync(args, Console.Out);
}
var app = GlanceLocalHost.Build(args);
await app.StartAsync();
foreach (var url in app.Urls)
{
    Console.WriteLine($"Glance API listening on {url}");
}
await app.WaitForShutdownAsync();
return 0;
