using Glance.Domain.Metadefs;
using Glance.Functions.Metadefs;
using Glance.Storage;
using Microsoft.Extensions.Hosting;

namespace Glance.LocalHost;

/// <summary>
/// <c>load-metadefs PATH [--merge [--prefer_new | --overwrite]]</c>: the operator's glance-manage db_load_metadefs, with
/// the service's own settings, run once without serving; exit code 0, 1 when files were left out, 2 on bad usage.
/// </summary>
public static class MetadefLoadCommand
{
    public const string Name = "load-metadefs";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        // PATH comes first; the flags and "--Name value" settings follow in any order.
        var path = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : null;
        var rest = args.Skip(path is null ? 1 : 2).ToList();
        var flags = rest.Where(a => a is "--merge" or "--prefer_new" or "--overwrite").ToHashSet(StringComparer.Ordinal);
        // glance-manage's own refusals: --prefer_new and --overwrite only with --merge, and not together.
        if (path is null || (!flags.Contains("--merge") && flags.Count > 0) || (flags.Contains("--prefer_new") && flags.Contains("--overwrite")))
        {
            await output.WriteLineAsync($"usage: {Name} PATH [--merge [--prefer_new | --overwrite]] [settings as --Name value]");
            return 2;
        }
        var mode = flags.Contains("--overwrite") ? CatalogueLoadMode.MergeOverwrite
            : flags.Contains("--prefer_new") ? CatalogueLoadMode.MergePreferNew
            : flags.Contains("--merge") ? CatalogueLoadMode.Merge
            : CatalogueLoadMode.Skip;
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            await output.WriteLineAsync($"{Name}: no file or folder {path}");
            return 2;
        }
        var settings = rest.Where(a => !flags.Contains(a)).ToArray();
        await using var app = GlanceLocalHost.Build(settings);
        // The tables, as the service creates them when it starts; nothing else of the service runs.
        await app.Services.GetServices<IHostedService>().OfType<StorageInitializer>().Single().StartAsync(CancellationToken.None);
        var (namespaces, refused) = MetadefCatalogueFiles.Read(path);
        foreach (var reason in refused)
        {
            await output.WriteLineAsync("left out: " + reason);
        }
        var report = await app.Services.GetRequiredService<MetadefCatalogueLoader>().LoadAsync(namespaces, mode);
        await output.WriteLineAsync($"{report.Created} created, {report.Changed} changed, {report.Skipped} left as they were");
        return refused.Count == 0 ? 0 : 1;
    }
}
