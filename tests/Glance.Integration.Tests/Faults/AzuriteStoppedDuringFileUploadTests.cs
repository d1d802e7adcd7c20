using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: storage, in the middle of a PUT /file. Azurite is stopped while the body is still arriving (9 of 10 MiB
/// sent, the first 8 MiB block handed to storage), kept down until the service answers, then started again over the
/// same data. Proves: the client gets Glance's 503 (once the storage SDK's retries are spent, about 30 s with its
/// defaults: six tries for the blob, four for the table), not a 500 or a hang; the image left in saving with sealed,
/// unverified bytes is returned to queued by the stale-operation recovery once storage is back, its bytes deleted and
/// the failure reported (image.upload at ERROR); a retried upload activates it with the right hashes; the audit holds.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class AzuriteStoppedDuringFileUploadTests() : FaultTest<LocalHostInstance>(() => FaultRig.StartAsync(), rig => rig.StartHostAsync())
{
    [Fact]
    public async Task PutFile_AzuriteStoppedMidBody_Answers503AndTheImageIsQueuedAgainThenARetryActivatesIt()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var upload = await InterruptedFileUpload.StartAsync(Rig, client, "put-outage");

        await Rig.Azurite.StopAsync();
        await FaultAssert.ServiceUnavailableAsync(await upload.ResumeAsync(TimeSpan.FromSeconds(60)), "PUT /file");
        await Rig.Azurite.RestartAsync();

        await upload.AssertQueuedAgainThenARetryActivatesItAsync();
        Assert.Equal("error", Rig.Audit.DistinctEventsOf(upload.ImageId)[4].GetProperty("priority").GetString());
    }
}
