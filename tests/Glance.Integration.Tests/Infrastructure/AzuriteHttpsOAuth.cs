using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Glance.Storage;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A separate Azurite over HTTPS with <c>--oauth basic</c>, the only mode in which it issues user delegation keys and
/// honours user delegation SAS: the closest local stand-in for an Azure account with shared keys disabled. Its
/// certificate is made for this run; its data lives in a temporary folder removed afterwards.
/// </summary>
public sealed class AzuriteHttpsOAuth : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _output = new();
    private string _folder = "";
    private Process? _process;
    private HttpClient _http = null!;

    public LoopbackCertificate Certificate { get; private set; } = null!;
    public int BlobPort { get; private set; }
    public Uri BlobEndpoint => new($"https://127.0.0.1:{BlobPort}/devstoreaccount1");
    public TokenCredential Credential { get; } = new AzuriteOAuthCredential();

    /// <summary>Signed in with the bearer token, as the app is with its managed identity. Has the images container.</summary>
    public BlobServiceClient Blobs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run `npm ci` in {RepositoryRoot.Path}.");
        }
        _folder = Directory.CreateTempSubdirectory("glance-azurite-oauth-").FullName;
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;
        Certificate = LoopbackCertificate.Create(_folder);
        _http = Certificate.TrustingHttpClient();
        var (blob, queue, table) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        BlobPort = blob;
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--location", data,
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
                "--oauth", "basic", "--cert", Certificate.CertificatePath, "--key", Certificate.KeyPath,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPortsAsync(blob, queue, table);

        Blobs = CreateServiceClient();
        await Blobs.GetBlobContainerClient(StorageOptions.ImagesContainer).CreateIfNotExistsAsync();
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

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 50 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitForPortsAsync(params int[] ports)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in ports)
        {
            while (true)
            {
                if (_process!.HasExited)
                {
                    throw new InvalidOperationException(
                        $"Azurite (https, --oauth basic) exited with code {_process.ExitCode} before listening:\n{string.Join('\n', _output)}");
                }
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
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
