using Glance.Domain.Metadefs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Functions.Metadefs;

/// <summary>
/// Loads the catalogue <see cref="MetadefCatalogueOptions.LoadPath"/> names when the app starts, before it serves: in the
/// default mode an existing namespace is left alone, so only the first start (of any instance) writes anything.
/// </summary>
public sealed partial class MetadefCatalogueStartupLoader(
    IOptions<MetadefCatalogueOptions> options, MetadefCatalogueLoader loader, ILogger<MetadefCatalogueStartupLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.LoadPath))
        {
            return;
        }
        var (namespaces, refused) = MetadefCatalogueFiles.Read(options.Value.LoadPath);
        foreach (var reason in refused)
        {
            FileRefused(reason);
        }
        var report = await loader.LoadAsync(namespaces, options.Value.LoadMode, cancellationToken);
        Loaded(options.Value.LoadPath, report.Created, report.Changed, report.Skipped);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metadef file left out: {Reason}")]
    private partial void FileRefused(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metadefs loaded from {Path}: {Created} created, {Changed} changed, {Skipped} left as they were")]
    private partial void Loaded(string path, int created, int changed, int skipped);
}
