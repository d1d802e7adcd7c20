using Azure.Core;
using Azure.Identity;
using Glance.Domain.Ports;
using Glance.Storage.Tables;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage clients and the repositories. The <c>GlanceStorage</c> connection is either a
    /// connection string (Azurite) or, as Functions' identity-based connections are written, a section with
    /// <c>blobServiceUri</c>, <c>tableServiceUri</c>, <c>credential</c> = managedidentity and <c>clientId</c>.
    /// </summary>
    public static IServiceCollection AddGlanceStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        var connection = configuration.GetSection(StorageOptions.ConnectionName);
        services.AddAzureClients(clients =>
        {
            if (connection.Value is { Length: > 0 } connectionString)
            {
                clients.AddTableServiceClient(connectionString);
                clients.AddBlobServiceClient(connectionString);
                return;
            }
            var tableUri = connection["tableServiceUri"]
                ?? throw new InvalidOperationException($"Configure {StorageOptions.ConnectionName} as a connection string or with tableServiceUri and blobServiceUri.");
            var blobUri = connection["blobServiceUri"]
                ?? throw new InvalidOperationException($"{StorageOptions.ConnectionName}:blobServiceUri is not configured.");
            clients.AddTableServiceClient(new Uri(tableUri));
            clients.AddBlobServiceClient(new Uri(blobUri));
            clients.UseCredential(Credential(connection));
        });
        services.AddSingleton<IImageRepository, TableImageRepository>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    private static TokenCredential Credential(IConfigurationSection connection) =>
        string.Equals(connection["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(connection["clientId"]
                ?? throw new InvalidOperationException($"{StorageOptions.ConnectionName}:clientId is required with credential=managedidentity.")))
            : new DefaultAzureCredential();
}
