using System.Net;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Glance.Domain.Ports;
using Glance.Integration.Tests.Infrastructure;
using Glance.Storage;
using Glance.Storage.Blobs;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests;

/// <summary>
/// The SAS issuer the service uses in Azure, where shared keys are disabled: user delegation SAS from a key obtained
/// with the app's identity, against Azurite over HTTPS with OAuth. Its URLs must grant exactly what the account-key
/// URLs grant locally (one blob; create and write, or read), expire, and share one delegation key.
/// </summary>
public sealed class UserDelegationSasTests(AzuriteHttpsOAuth azurite) : IClassFixture<AzuriteHttpsOAuth>
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private BlobContainerClient Images => azurite.Blobs.GetBlobContainerClient(StorageOptions.ImagesContainer);

    private BlobContainerClient Uploads => azurite.Blobs.GetBlobContainerClient(StorageOptions.UploadsContainer);

    [Fact]
    public void CanGenerateAccountSasUri_TokenCredential_IsFalse()
    {
        Assert.False(azurite.Blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public async Task AddGlanceStorage_IdentityBasedConnection_PicksUserDelegationIssuer()
    {
        // GlanceStorage as the Bicep writes it for Azure: service URIs and a user-assigned managed identity.
        await using var services = StorageServices(new Dictionary<string, string?>
        {
            ["GlanceStorage:blobServiceUri"] = azurite.BlobEndpoint.ToString(),
            ["GlanceStorage:tableServiceUri"] = $"https://127.0.0.1:{azurite.BlobPort}/devstoreaccount1",
            ["GlanceStorage:queueServiceUri"] = $"https://127.0.0.1:{azurite.BlobPort}/devstoreaccount1",
            ["GlanceStorage:credential"] = "managedidentity",
            ["GlanceStorage:clientId"] = Guid.NewGuid().ToString(),
        });

        Assert.IsType<UserDelegationDataUrlIssuer>(services.GetRequiredService<IDataUrlIssuer>());
    }

    [Fact]
    public async Task AddGlanceStorage_ConnectionStringWithAccountKey_PicksAccountKeyIssuer()
    {
        await using var services = StorageServices(new Dictionary<string, string?> { ["GlanceStorage"] = "UseDevelopmentStorage=true" });

        Assert.IsType<AccountKeyDataUrlIssuer>(services.GetRequiredService<IDataUrlIssuer>());
    }

    [Fact]
    public async Task IssueUploadUrlAsync_SinglePut_CreatesTheBlob()
    {
        var id = NewId();
        var content = Bytes(id, 4096);

        var url = await Issuer().IssueUploadUrlAsync(id, DateTimeOffset.UtcNow + Lifetime);

        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal($"/devstoreaccount1/{StorageOptions.UploadsContainer}/{id}", url.AbsolutePath);
        Assert.Equal("cw", query["sp"].ToString());
        Assert.Equal("https", query["spr"].ToString());
        Assert.Equal(AzuriteOAuthCredential.ObjectId, query["skoid"].ToString());
        // What the README shows with curl: no SDK, no credential, only the URL and the blob type header.
        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(content) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var response = await azurite.Http.SendAsync(put);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(content, (await Uploads.GetBlobClient(id).DownloadContentAsync()).Value.Content.ToArray());
        Assert.False(await Images.GetBlobClient(id).ExistsAsync());
    }

    [Fact]
    public async Task IssueUploadUrlAsync_StagedBlocks_CommitsTheBlob()
    {
        var id = NewId();
        var first = Bytes("first", 3000);
        var second = Bytes("second", 2000);
        var url = await Issuer().IssueUploadUrlAsync(id, DateTimeOffset.UtcNow + Lifetime);
        var blocks = new BlockBlobClient(url, azurite.ClientOptions());
        var (firstId, secondId) = (BlockId(1), BlockId(2));

        // Out of order, as parallel uploaders stage them; the block list sets the order.
        await blocks.StageBlockAsync(secondId, new MemoryStream(second));
        await blocks.StageBlockAsync(firstId, new MemoryStream(first));
        await blocks.CommitBlockListAsync([firstId, secondId]);

        Assert.Equal(first.Concat(second).ToArray(), (await Uploads.GetBlobClient(id).DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task IssueUploadUrlAsync_ReadDeleteOrAnotherBlob_AreForbidden()
    {
        var id = NewId();
        var otherId = NewId();
        var content = Bytes(id, 1024);
        var url = await Issuer().IssueUploadUrlAsync(id, DateTimeOffset.UtcNow + Lifetime);
        var blob = azurite.AnonymousBlob(url);
        await blob.UploadAsync(BinaryData.FromBytes(content));

        await AssertForbiddenAsync(() => blob.DownloadContentAsync());
        await AssertForbiddenAsync(() => blob.GetPropertiesAsync());
        await AssertForbiddenAsync(() => blob.DeleteAsync());
        var otherUrl = new UriBuilder(url) { Path = $"/devstoreaccount1/{StorageOptions.UploadsContainer}/{otherId}" }.Uri;
        await AssertForbiddenAsync(() => azurite.AnonymousBlob(otherUrl).UploadAsync(BinaryData.FromBytes(content)));
        var servedUrl = new UriBuilder(url) { Path = $"/devstoreaccount1/{StorageOptions.ImagesContainer}/{id}" }.Uri;
        await AssertForbiddenAsync(() => azurite.AnonymousBlob(servedUrl).UploadAsync(BinaryData.FromBytes(content)));

        Assert.True(await Uploads.GetBlobClient(id).ExistsAsync());
        Assert.False(await Uploads.GetBlobClient(otherId).ExistsAsync());
        Assert.False(await Images.GetBlobClient(id).ExistsAsync());
    }

    [Fact]
    public async Task IssueDownloadUrlAsync_ReadOnlySnapshotWithServedHeaders_RevokedByDeletingTheSnapshot()
    {
        var id = NewId();
        var content = Bytes(id, 8192);
        await Images.GetBlobClient(id).UploadAsync(BinaryData.FromBytes(content));
        var issuer = Issuer();

        var url = await issuer.IssueDownloadUrlAsync(id, DateTimeOffset.UtcNow + Lifetime);
        var again = await issuer.IssueDownloadUrlAsync(id, DateTimeOffset.UtcNow + Lifetime);

        // Azurite signs a user-delegation SAS for a snapshot without the blob name and snapshot time (its
        // IBlobSASSignatureValues puts the blob name in only for sr=b), so it refuses these URLs that Azure accepts;
        // reading through one is proven with the account-key issuer (ImageDataTests). Here: what the URL grants.
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal($"/devstoreaccount1/{StorageOptions.ImagesContainer}/{id}", url.AbsolutePath);
        Assert.Equal(("r", "bs"), (query["sp"].ToString(), query["sr"].ToString()));
        Assert.Equal(("application/octet-stream", "attachment", "identity"), (query["rsct"].ToString(), query["rscd"].ToString(), query["rsce"].ToString()));
        var snapshot = query["snapshot"].ToString();
        Assert.Equal(snapshot, QueryHelpers.ParseQuery(again.Query)["snapshot"].ToString());
        Assert.Equal(content, (await Images.GetBlobClient(id).WithSnapshot(snapshot).DownloadContentAsync()).Value.Content.ToArray());

        await issuer.RevokeDownloadUrlsAsync(id);

        Assert.False(await Images.GetBlobClient(id).WithSnapshot(snapshot).ExistsAsync());
        Assert.Equal(content, (await Images.GetBlobClient(id).DownloadContentAsync()).Value.Content.ToArray());
        Assert.NotEqual(snapshot, QueryHelpers.ParseQuery((await issuer.IssueDownloadUrlAsync(id, DateTimeOffset.UtcNow + Lifetime)).Query)["snapshot"].ToString());
    }

    [Fact]
    public async Task IssueUrls_ExpiresOnInThePast_AreRefused()
    {
        var issuer = Issuer();
        var expired = DateTimeOffset.UtcNow.AddMinutes(-1);
        var neverWritten = NewId();

        var upload = await issuer.IssueUploadUrlAsync(neverWritten, expired);

        await AssertForbiddenAsync(() => azurite.AnonymousBlob(upload).UploadAsync(BinaryData.FromString("late")));
        Assert.False(await Uploads.GetBlobClient(neverWritten).ExistsAsync());
    }

    [Fact]
    public async Task IssueUrls_ManyUrls_FetchOneDelegationKeyUntilAUrlOutlivesIt()
    {
        var keyRequests = new RequestCounter("userdelegationkey");
        var issuer = new UserDelegationDataUrlIssuer(azurite.CreateServiceClient(keyRequests), TimeProvider.System);
        var expiresOn = DateTimeOffset.UtcNow + Lifetime;

        // Concurrent first requests must share one key fetch, and later ones reuse it.
        var urls = (await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => issuer.IssueUploadUrlAsync(NewId(), expiresOn)))).ToList();
        var served = NewId();
        await Images.GetBlobClient(served).UploadAsync(BinaryData.FromString("served"));
        urls.Add(await issuer.IssueDownloadUrlAsync(served, expiresOn));
        urls.Add(await issuer.IssueUploadUrlAsync(NewId(), expiresOn.AddHours(1)));

        Assert.Equal(1, keyRequests.Count);
        Assert.Single(urls.Select(url => QueryHelpers.ParseQuery(url.Query)["ske"].ToString()).Distinct());
        await azurite.AnonymousBlob(urls[3]).UploadAsync(BinaryData.FromString("signed with the shared key"));

        // A URL living longer than the cached key (12 hours) needs a key that lives as long; shorter URLs then reuse it.
        var longId = NewId();
        var longLived = await issuer.IssueUploadUrlAsync(longId, DateTimeOffset.UtcNow.AddHours(13));
        Assert.Equal(2, keyRequests.Count);
        await issuer.IssueUploadUrlAsync(NewId(), expiresOn);
        Assert.Equal(2, keyRequests.Count);
        await azurite.AnonymousBlob(longLived).UploadAsync(BinaryData.FromString("signed with the newer key"));
        Assert.True(await Uploads.GetBlobClient(longId).ExistsAsync());
    }

    private UserDelegationDataUrlIssuer Issuer() => new(azurite.Blobs, TimeProvider.System);

    private static ServiceProvider StorageServices(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddGlanceStorage(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task AssertForbiddenAsync(Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<RequestFailedException>(call);
        Assert.Equal((int)HttpStatusCode.Forbidden, refused.Status);
    }

    private static string NewId() => Guid.NewGuid().ToString();

    private static string BlockId(int number) => Convert.ToBase64String(Encoding.ASCII.GetBytes(number.ToString("D6")));

    private static byte[] Bytes(string seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed.GetHashCode(StringComparison.Ordinal)).NextBytes(bytes);
        return bytes;
    }
}
