namespace Glance.Integration.Tests.Faults;

/// <summary>
/// A fault test's rig (its own Azurite and webhook) and the host it breaks, started before each test and stopped
/// after it, so that no fault outlives its test.
/// </summary>
public abstract class FaultTest<THost>(Func<Task<FaultRig>> startRig, Func<FaultRig, Task<THost>> startHost) : IAsyncLifetime
    where THost : IAsyncDisposable
{
    protected FaultRig Rig { get; private set; } = null!;

    protected THost Host { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Rig = await startRig();
        Host = await startHost(Rig);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Rig.DisposeAsync();
    }
}
