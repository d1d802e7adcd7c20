namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A trusted-mode local host with project quotas, over an Azurite of its own: every host polling an Azurite validates
/// the blobs uploaded to it, so a host configured differently (the shared collection's) could activate an upload these
/// limits must refuse. Default limits apply to every project here, which the shared hosts must not have.
/// </summary>
public sealed class QuotaService : IAsyncLifetime
{
    /// <summary>image_count_total of every project without its own.</summary>
    public const int DefaultImageCountTotal = 2;

    private AzuriteProcess _azurite = null!;

    public LocalHostInstance Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        Host = await LocalHostInstance.StartAsync(_azurite, "trusted", new Dictionary<string, string?>
        {
            ["Glance:LocalHost:BlobPolling:Interval"] = "00:00:00.200",
            ["Glance:Quotas:Defaults:ImageCountTotal"] = DefaultImageCountTotal.ToString(),
            ["Glance:Quotas:Projects:quota-roomy:ImageCountTotal"] = "4",
            ["Glance:Quotas:Projects:quota-size:ImageSizeTotal"] = "1",
            ["Glance:Quotas:Projects:quota-size:ImageCountTotal"] = "-1",
            ["Glance:Quotas:Projects:quota-sas:ImageSizeTotal"] = "1",
            ["Glance:Quotas:Projects:quota-uploading:ImageCountUploading"] = "1",
            ["Glance:Quotas:Projects:quota-usage:ImageSizeTotal"] = "10",
            ["Glance:Quotas:Projects:quota-usage:ImageStageTotal"] = "-5",
            ["Glance:Quotas:Projects:quota-usage:ImageCountTotal"] = "5",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    public HttpClient Client(string project) => Host.Client(project);

    public Azure.Storage.Blobs.BlobClient ImageBlob(string imageId) => _azurite.Blob("images", imageId);
}
