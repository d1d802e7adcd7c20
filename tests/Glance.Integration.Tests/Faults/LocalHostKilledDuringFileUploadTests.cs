using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: the process, with SIGKILL, in the middle of a PUT /file (9 of 10 MiB sent, the image in saving, its blob
/// created and sealed under the upload's lease); then starts it again. Proves: the stale-operation recovery returns the image to
/// queued once the operation is older than any could run, deletes the partial bytes (no orphan blob), reports the
/// failed upload, and the user can upload again; the audit holds.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class LocalHostKilledDuringFileUploadTests() : FaultTest<LocalHostProcess>(() => FaultRig.StartAsync(), rig => rig.StartHostProcessAsync())
{
    [Fact]
    public async Task PutFile_HostKilledMidBody_RecoveryQueuesTheImageWithoutItsBytesAndARetryActivatesIt()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var upload = await InterruptedFileUpload.StartAsync(Rig, client, "put-killed");
        await Poll.UntilAsync(() => Rig.Audit.ImageBlobExistsAsync(upload.ImageId), TimeSpan.FromSeconds(10),
            "PUT /file never created the image's blob");

        await Host.KillAsync();
        Assert.IsType<HttpRequestException>(await Record.ExceptionAsync(() => upload.ResumeAsync(TimeSpan.FromSeconds(30))));
        await Host.RestartAsync();

        await upload.AssertQueuedAgainThenARetryActivatesItAsync();
    }
}
