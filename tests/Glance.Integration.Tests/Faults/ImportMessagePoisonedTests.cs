using Azure.Storage.Queues;
using Glance.Integration.Tests.Infrastructure;
using Glance.Storage;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: the import's queue message, moved to the poison queue before any delivery began the task, as the
/// Functions host does after maxDequeueCount failed deliveries. The host reads its queue only once an hour here, so
/// the test can take the message first. Proves: the image does not stay importing under its pending task; once the
/// lock is stale the recovery takes the glance-direct import over and the image ends active, the pending task failed.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ImportMessagePoisonedTests() : FaultTest<LocalHostInstance>(() => FaultRig.StartAsync(), StartHostThatBarelyReadsItsQueueAsync)
{
    [Fact]
    public async Task GlanceDirectImport_MessagePoisonedBeforeItsTaskBegan_RecoveryTakesItOverAndTheImageEndsActive()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var id = await client.CreateRawImageAsync("poisoned");
        var queues = new QueueServiceClient(Rig.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = queues.GetQueueClient(StorageOptions.ImportQueue);

        await ImportStaging.StageAndImportAsync(client, id, new byte[64 * 1024]);
        Azure.Storage.Queues.Models.QueueMessage? message = null;
        await Poll.UntilAsync(async () => (message = (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5))).Value) is not null,
            TimeSpan.FromSeconds(10), "The import's message never reached the queue.");
        var poison = queues.GetQueueClient(StorageOptions.ImportQueue + "-poison");
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync(message!.Body);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        Assert.Equal("pending", Assert.Single(await DirectUpload.TasksAsync(client, id)).GetProperty("status").GetString());

        await Rig.WaitForStatusAsync(id, "active", FaultRig.Patience);
        var tasks = await DirectUpload.FinishedTasksAsync(client, id, FaultRig.Patience);
        Assert.Equal(["failure", "success"], tasks.Select(t => t.GetProperty("status").GetString()));
        await Rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
    }

    private static Task<LocalHostInstance> StartHostThatBarelyReadsItsQueueAsync(FaultRig rig) =>
        LocalHostInstance.StartAsync(rig.Azurite, "trusted", new Dictionary<string, string?>(rig.HostSettings)
        {
            ["Glance:LocalHost:QueuePolling:Interval"] = "01:00:00",
        });
}
