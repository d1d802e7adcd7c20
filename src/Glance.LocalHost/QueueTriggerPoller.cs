using System.Reflection;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Glance.Functions;
using Microsoft.Extensions.Options;

namespace Glance.LocalHost;

/// <summary>
/// Runs the app's [QueueTrigger] functions by reading their queues in Azurite, as the Functions host's queue listener
/// does: a received message stays hidden (renewed while its function runs), is deleted when the function returns,
/// and is left to be delivered again when it throws (after <see cref="QueueTriggerPollerOptions.RetryDelay"/>) or
/// when this process dies (after the visibility timeout). A message delivered <see cref="QueueTriggerPollerOptions.MaxDequeueCount"/>
/// times without success moves to the queue's <c>-poison</c> queue. Messages are base64, as the host expects.
/// </summary>
public sealed class QueueTriggerPoller(
    QueueServiceClient queues, IServiceScopeFactory scopes, IOptions<QueueTriggerPollerOptions> options, ILogger<QueueTriggerPoller> logger)
    : BackgroundService
{
    /// <summary>The Functions host's default batchSize: at most this many messages of one queue run at once.</summary>
    public const int BatchSize = 16;

    public static IReadOnlyList<QueueTriggerFunction> Functions { get; } =
        QueueTriggerFunction.Discover(typeof(GlanceAppServiceCollectionExtensions).Assembly);

    public static string PoisonQueue(string queue) => queue + "-poison";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Functions.Select(f => PollAsync(f, stoppingToken)));

    private async Task PollAsync(QueueTriggerFunction function, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var queue = queues.GetQueueClient(function.Queue);
        var running = new List<Task>();
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            QueueMessage[] messages = [];
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }
                if (running.Count < BatchSize)
                {
                    messages = (await queue.ReceiveMessagesAsync(BatchSize - running.Count, options.Value.VisibilityTimeout, stoppingToken)).Value;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reading queue {Queue} for {Function} failed", function.Queue, function.Name);
            }
            foreach (var message in messages)
            {
                running.Add(InvokeAsync(function, queue, message, stoppingToken));
            }
            if (messages.Length == 0)
            {
                try
                {
                    await Task.Delay(options.Value.Interval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        await Task.WhenAll(running);
    }

    private async Task InvokeAsync(QueueTriggerFunction function, QueueClient queue, QueueMessage message, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var receipt = new PopReceipt(message.PopReceipt);
        if (message.DequeueCount > options.Value.MaxDequeueCount)
        {
            // Delivered that often already: its processes kept dying before they could settle it.
            await MoveToPoisonAsync(function, queue, message, receipt, null);
            return;
        }
        Exception? failure = null;
        using (var stopRenewing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            var renewing = KeepHiddenAsync(queue, message.MessageId, receipt, stopRenewing.Token);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var target = scope.ServiceProvider.GetRequiredService(function.Method.DeclaringType!);
                var arguments = function.Method.GetParameters().Select(p => Bind(p, message, stoppingToken)).ToArray();
                await (Task)function.Method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                await stopRenewing.CancelAsync();
                await renewing;
            }
        }
        if (failure is not null && stoppingToken.IsCancellationRequested)
        {
            // Stopping: the message comes back after its visibility timeout, to this process or another.
            return;
        }
        try
        {
            if (failure is null)
            {
                await queue.DeleteMessageAsync(message.MessageId, receipt.Value, CancellationToken.None);
            }
            else if (message.DequeueCount >= options.Value.MaxDequeueCount)
            {
                await MoveToPoisonAsync(function, queue, message, receipt, failure);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: options.Value.RetryDelay, cancellationToken: CancellationToken.None);
                logger.LogWarning(failure, "{Function} failed for message {MessageId} (delivery {Attempt} of {MaxDequeueCount}); it will be delivered again",
                    function.Name, message.MessageId, message.DequeueCount, options.Value.MaxDequeueCount);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Settling message {MessageId} of {Queue} failed; it will be delivered again", message.MessageId, function.Queue);
        }
    }

    private async Task MoveToPoisonAsync(QueueTriggerFunction function, QueueClient queue, QueueMessage message, PopReceipt receipt, Exception? failure)
    {
        var poison = queues.GetQueueClient(PoisonQueue(function.Queue));
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync(message.Body);
        await queue.DeleteMessageAsync(message.MessageId, receipt.Value);
        logger.LogError(failure, "{Function} gave up message {MessageId} after {DequeueCount} deliveries; moved it to {PoisonQueue}",
            function.Name, message.MessageId, message.DequeueCount, poison.Name);
    }

    /// <summary>Renews the message's invisibility at half its timeout while the function runs, as the host does.</summary>
    private async Task KeepHiddenAsync(QueueClient queue, string messageId, PopReceipt receipt, CancellationToken stop)
    {
        var timeout = options.Value.VisibilityTimeout;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(timeout / 2, stop);
                var updated = await queue.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: timeout, cancellationToken: stop);
                receipt.Value = updated.Value.PopReceipt;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Keeping message {MessageId} of {Queue} hidden failed", messageId, queue.Name);
            }
        }
    }

    private static object? Bind(ParameterInfo parameter, QueueMessage message, CancellationToken cancellationToken) =>
        parameter.ParameterType == typeof(string) ? message.Body.ToString()
        : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
        : throw new InvalidOperationException($"The local host cannot bind {parameter.Name} of a queue trigger.");

    /// <summary>The message's current pop receipt: every visibility update replaces it.</summary>
    private sealed class PopReceipt(string value)
    {
        public string Value { get; set; } = value;
    }
}
