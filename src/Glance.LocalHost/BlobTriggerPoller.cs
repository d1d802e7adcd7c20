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
/// bytes it writes or has validated with a lease, so only blobs a client uploaded are new work. An invocation that
/// throws is dispatched again at the next poll, up to <see cref="MaxAttempts"/> times in all, as the Functions host
/// retries a blob trigger before it gives the message up as poison.
/// </summary>
public sealed class BlobTriggerPoller(
    BlobServiceClient blobs, IServiceScopeFactory scopes, IOptions<BlobTriggerPollerOptions> options, ILogger<BlobTriggerPoller> logger)
    : BackgroundService
{
    /// <summary>The Functions host's default maxDequeueCount for blob trigger messages.</summary>
    public const int MaxAttempts = 5;

    private readonly ConcurrentDictionary<string, Azure.ETag> _dispatched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Key, Azure.ETag ETag), int> _failures = new();

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
                        running.Add(InvokeAsync(function, blob.Name, key, etag, stoppingToken));
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

    private async Task InvokeAsync(BlobTriggerFunction function, string blobName, string key, Azure.ETag etag, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var target = scope.ServiceProvider.GetRequiredService(function.Method.DeclaringType!);
            var blob = blobs.GetBlobContainerClient(function.Container).GetBlobClient(blobName);
            var arguments = function.Method.GetParameters().Select(p => Bind(p, blob, cancellationToken)).ToArray();
            await (Task)function.Method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
            _failures.TryRemove((key, etag), out _);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var attempts = _failures.AddOrUpdate((key, etag), 1, (_, n) => n + 1);
            if (attempts < MaxAttempts)
            {
                // Forget this version, so that the next poll dispatches it again.
                _dispatched.TryRemove(new KeyValuePair<string, Azure.ETag>(key, etag));
                logger.LogWarning(e, "{Function} failed for blob {Blob} (attempt {Attempt} of {MaxAttempts}); trying again",
                    function.Name, blobName, attempts, MaxAttempts);
            }
            else
            {
                _failures.TryRemove((key, etag), out _);
                logger.LogError(e, "{Function} failed for blob {Blob} {MaxAttempts} times; giving it up", function.Name, blobName, MaxAttempts);
            }
        }
    }

    private static object? Bind(ParameterInfo parameter, BlobClient blob, CancellationToken cancellationToken) =>
        parameter.ParameterType == typeof(BlobClient) ? blob
        : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
        : parameter.ParameterType == typeof(string) && parameter.Name == "name" ? blob.Name
        : throw new InvalidOperationException($"The local host cannot bind {parameter.Name} of a blob trigger.");
}
