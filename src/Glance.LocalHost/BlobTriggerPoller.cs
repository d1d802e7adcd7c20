using System.Collections.Concurrent;
using System.Reflection;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Glance.Functions;
using Microsoft.Extensions.Options;

namespace Glance.LocalHost;

/// <summary>
/// Runs the app's [BlobTrigger] functions by polling their containers, since Azurite has neither Event Grid nor a
/// change feed. A blob is dispatched once per version (ETag); leased blobs are skipped: the service seals the
/// bytes it writes or has validated with a lease, so only blobs a client uploaded are new work.
/// </summary>
public sealed class BlobTriggerPoller(
    BlobServiceClient blobs, IServiceScopeFactory scopes, IOptions<BlobTriggerPollerOptions> options, ILogger<BlobTriggerPoller> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, Azure.ETag> _dispatched = new(StringComparer.Ordinal);

    public static IReadOnlyList<BlobTriggerFunction> Functions { get; } =
        BlobTriggerFunction.Discover(typeof(GlanceAppServiceCollectionExtensions).Assembly);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var function in Functions)
            {
                try
                {
                    await foreach (var blob in blobs.GetBlobContainerClient(function.Container).GetBlobsAsync(cancellationToken: stoppingToken))
                    {
                        var key = function.Name + "/" + blob.Name;
                        if (blob.Properties.LeaseState == LeaseState.Leased
                            || blob.Properties.ETag is not { } etag
                            || (_dispatched.TryGetValue(key, out var seen) && seen == etag))
                        {
                            continue;
                        }
                        _dispatched[key] = etag;
                        running.Add(InvokeAsync(function, blob.Name, stoppingToken));
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Polling {Container} for {Function} failed", function.Container, function.Name);
                }
            }
            running.RemoveAll(t => t.IsCompleted);
            try
            {
                await Task.Delay(options.Value.Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(running);
    }

    private async Task InvokeAsync(BlobTriggerFunction function, string blobName, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var target = scope.ServiceProvider.GetRequiredService(function.Method.DeclaringType!);
            var blob = blobs.GetBlobContainerClient(function.Container).GetBlobClient(blobName);
            var arguments = function.Method.GetParameters().Select(p => Bind(p, blob, cancellationToken)).ToArray();
            await (Task)function.Method.Invoke(target, arguments)!;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var error = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            logger.LogError(error, "{Function} failed for blob {Blob}", function.Name, blobName);
        }
    }

    private static object? Bind(ParameterInfo parameter, BlobClient blob, CancellationToken cancellationToken) =>
        parameter.ParameterType == typeof(BlobClient) ? blob
        : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
        : parameter.ParameterType == typeof(string) && parameter.Name == "name" ? blob.Name
        : throw new InvalidOperationException($"The local host cannot bind {parameter.Name} of a blob trigger.");
}
