using Azure;
using Azure.Core;
using Azure.Messaging.EventGrid;
using Glance.Storage.Events;
using Glance.Storage.Idempotency;
using Glance.Storage.Metadefs;
using Azure.Identity;
using Glance.Domain.Ports;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Glance.Storage.Queues;
using Glance.Storage.Blobs;
using Glance.Domain.Importing;
using Glance.Domain.Stores;
using Glance.Storage.Tables;
using Glance.Storage.WebDownload;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage clients and the repositories. The <c>GlanceStorage</c> connection is either a
    /// connection string (Azurite) or, as Functions' identity-based connections are written, a section with
    /// <c>blobServiceUri</c>, <c>tableServiceUri</c>, <c>queueServiceUri</c>, <c>credential</c> = managedidentity and
    /// <c>clientId</c> (the queue trigger reads the same section).
    /// </summary>
    public static IServiceCollection AddGlanceStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var connection = configuration.GetSection(StorageOptions.ConnectionName);
        services.AddAzureClients(clients =>
        {
            if (connection.Value is { Length: > 0 } connectionString)
            {
                clients.AddTableServiceClient(connectionString);
                clients.AddBlobServiceClient(connectionString);
                clients.AddQueueServiceClient(connectionString).ConfigureOptions(ImportQueueMessage.ConfigureClient);
                return;
            }
            var tableUri = connection["tableServiceUri"]
                ?? throw new InvalidOperationException($"Configure {StorageOptions.ConnectionName} as a connection string or with tableServiceUri and blobServiceUri.");
            var blobUri = connection["blobServiceUri"]
                ?? throw new InvalidOperationException($"{StorageOptions.ConnectionName}:blobServiceUri is not configured.");
            clients.AddTableServiceClient(new Uri(tableUri));
            var queueUri = connection["queueServiceUri"]
                ?? throw new InvalidOperationException($"{StorageOptions.ConnectionName}:queueServiceUri is not configured.");
            clients.AddBlobServiceClient(new Uri(blobUri));
            clients.AddQueueServiceClient(new Uri(queueUri)).ConfigureOptions(ImportQueueMessage.ConfigureClient);
            clients.UseCredential(Credential(connection));
        });
        services.AddSingleton<ListingIndex>();
        services.AddSingleton<RecentPartitions>();
        services.AddSingleton<ListingIndexSweeper>();
        services.AddSingleton<IImageRepository, TableImageRepository>();
        services.AddSingleton<IImageTaskRepository, TableImageTaskRepository>();
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<IImageMemberRepository, TableImageMemberRepository>();
        services.AddSingleton<IProjectUsage, TableProjectUsage>();
        services.AddSingleton<IPurgeSchedule, TablePurgeSchedule>();
        services.AddSingleton<IMetadefNamespaceRepository, TableMetadefNamespaceRepository>();
        services.AddGlanceEvents(configuration, connection);
        // The stores are read once, at start (the initializer needs them): a malformed one stops the service by name.
        services.AddSingleton(sp => BlobStores.Read(configuration.GetSection(BlobStores.SectionName), sp.GetRequiredService<BlobServiceClient>(),
            () => connection.Value is { Length: > 0 } ? null : Credential(connection)));
        services.AddSingleton(sp => sp.GetRequiredService<BlobStores>().Catalog);
        services.AddSingleton<IImageDataStore, BlobImageDataStore>();
        services.AddSingleton<IImageLocations, BlobImageLocations>();
        services.AddSingleton<IImportQueue, StorageImportQueue>();
        var webDownload = configuration.GetSection(WebDownloadOptions.SectionName);
        services.AddOptions<WebDownloadOptions>().Bind(webDownload).PostConfigure(options => ReplaceConfiguredLists(webDownload, options))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WebDownloadOptions>>().Value);
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<WebDownloadUriFilter>();
        services.AddSingleton<WebDownloadClient>();
        services.AddSingleton<IWebDownloader, WebDownloader>();
        // Azure accounts run with shared keys disabled: sign with a user delegation key there; Azurite has the key.
        services.AddSingleton<IDataUrlIssuer>(sp =>
        {
            var blobs = sp.GetRequiredService<BlobServiceClient>();
            return blobs.CanGenerateAccountSasUri
                ? ActivatorUtilities.CreateInstance<AccountKeyDataUrlIssuer>(sp)
                : ActivatorUtilities.CreateInstance<UserDelegationDataUrlIssuer>(sp);
        });
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    /// <summary>
    /// The transactional outbox and where it publishes: the Event Grid topic (with the app's identity, or a key
    /// locally) and any local webhooks; with neither, events are logged and dropped.
    /// </summary>
    private static void AddGlanceEvents(this IServiceCollection services, IConfiguration configuration, IConfigurationSection connection)
    {
        var section = configuration.GetSection(EventOptions.SectionName);
        services.AddOptions<EventOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventOptions>, EventOptionsValidator>();
        // Which sinks exist is read here; each is built from the validated options, so that a malformed endpoint stops
        // the service at start with the setting's name rather than here with a bare UriFormatException.
        static EventOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<EventOptions>>().Value;
        if (!string.IsNullOrEmpty(section[nameof(EventOptions.TopicEndpoint)]))
        {
            services.AddSingleton<IEventSink>(provider =>
            {
                var options = Options(provider);
                var endpoint = new Uri(options.TopicEndpoint!);
                return new EventGridSink(string.IsNullOrEmpty(options.TopicKey)
                    ? new EventGridPublisherClient(endpoint, connection.Value is { Length: > 0 } ? new DefaultAzureCredential() : Credential(connection))
                    : new EventGridPublisherClient(endpoint, new AzureKeyCredential(options.TopicKey)));
            });
        }
        for (var i = 0; i < section.GetSection(nameof(EventOptions.Webhooks)).GetChildren().Count(); i++)
        {
            var index = i;
            // A webhook receives exactly what the topic would: Event Grid's client speaks to any HTTP endpoint.
            services.AddSingleton<IEventSink>(provider =>
                new EventGridSink(new EventGridPublisherClient(new Uri(Options(provider).Webhooks[index]), new AzureKeyCredential("local-webhook"))));
        }
        services.AddSingleton<EventOutbox>();
        services.AddSingleton<SentEventRemover>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<OutboxSweeper>();
        services.AddHostedService<EventDispatcher>();
    }

    private static TokenCredential Credential(IConfigurationSection connection) =>
        string.Equals(connection["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(connection["clientId"]
                ?? throw new InvalidOperationException($"{StorageOptions.ConnectionName}:clientId is required with credential=managedidentity.")))
            : new DefaultAzureCredential();

    // The configuration binder appends to a list that has defaults ([80, 443] + [8080]); a configured list
    // must replace Glance's default instead, as import_filtering_opts does.
    private static void ReplaceConfiguredLists(IConfigurationSection section, WebDownloadOptions options)
    {
        List<T>? Configured<T>(string name) =>
            section.GetSection(name) is { } list && list.Exists() ? list.Get<List<T>>() ?? [] : null;
        options.AllowedSchemes = Configured<string>(nameof(options.AllowedSchemes)) ?? options.AllowedSchemes;
        options.DisallowedSchemes = Configured<string>(nameof(options.DisallowedSchemes)) ?? options.DisallowedSchemes;
        options.AllowedHosts = Configured<string>(nameof(options.AllowedHosts)) ?? options.AllowedHosts;
        options.DisallowedHosts = Configured<string>(nameof(options.DisallowedHosts)) ?? options.DisallowedHosts;
        options.AllowedPorts = Configured<int>(nameof(options.AllowedPorts)) ?? options.AllowedPorts;
        options.DisallowedPorts = Configured<int>(nameof(options.DisallowedPorts)) ?? options.DisallowedPorts;
    }
}
