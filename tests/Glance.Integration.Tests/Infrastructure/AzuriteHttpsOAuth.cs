using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Glance.Storage;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A separate Azurite over HTTPS with <c>--oauth basic</c>, the only mode in which it issues user delegation keys and
/// honours user delegation SAS: the closest local stand-in for an Azure account with shared keys disabled. Its
/// certificate is made for this run in a temporary folder removed afterwards; the process and its data are an
/// <see cref="AzuriteProcess"/> started with those options.
/// </summary>
public sealed class AzuriteHttpsOAuth : IAsyncLifetime
{
    private string _folder = "";
    private AzuriteProcess? _azurite;
    private HttpClient _http = null!;

    public LoopbackCertificate Certificate { get; private set; } = null!;
    public int BlobPort => _azurite!.BlobPort;
    public Uri BlobEndpoint => new($"https://127.0.0.1:{BlobPort}/devstoreaccount1");
    public TokenCredential Credential { get; } = new AzuriteOAuthCredential();

    /// <summary>Signed in with the bearer token, as the app is with its managed identity. Has the images container.</summary>
    public BlobServiceClient Blobs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("glance-azurite-oauth-").FullName;
        Certificate = LoopbackCertificate.Create(_folder);
        _http = Certificate.TrustingHttpClient();
        _azurite = await AzuriteProcess.StartAsync(["--oauth", "basic", "--cert", Certificate.CertificatePath, "--key", Certificate.KeyPath]);

        Blobs = CreateServiceClient();
        await Blobs.GetBlobContainerClient(StorageOptions.ImagesContainer).CreateIfNotExistsAsync();
        await Blobs.GetBlobContainerClient(StorageOptions.UploadsContainer).CreateIfNotExistsAsync();
    }

    /// <summary>A client signed in with the bearer token; <paramref name="policy"/> sees every call it makes.</summary>
    public BlobServiceClient CreateServiceClient(HttpPipelinePolicy? policy = null)
    {
        var options = ClientOptions();
        if (policy is not null)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }
        return new BlobServiceClient(BlobEndpoint, Credential, options);
    }

    /// <summary>Options for any SDK client of this Azurite: its certificate trusted, no retries to slow a refusal down.</summary>
    public BlobClientOptions ClientOptions()
    {
        var options = new BlobClientOptions { Transport = new HttpClientTransport(_http) };
        options.Retry.MaxRetries = 0;
        return options;
    }

    /// <summary>What a caller holding a URL has: no credential, only the URL (and trust in the server's certificate).</summary>
    public BlobClient AnonymousBlob(Uri url) => new(url, ClientOptions());

    /// <summary>A plain HTTP client trusting the certificate, for curl-like requests.</summary>
    public HttpClient Http => _http;

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        _http?.Dispose();
        Certificate?.Dispose();
        if (_folder.Length > 0)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
