namespace Glance.Integration.Tests.Infrastructure;

/// <summary>Starts what a test needs, and disposes it if the start fails, so that a half-started process does not outlive the run.</summary>
internal static class StartOrDispose
{
    public static async Task<T> RunAsync<T>(T resource, Func<T, Task> start) where T : IAsyncDisposable
    {
        try
        {
            await start(resource);
        }
        catch
        {
            await resource.DisposeAsync();
            throw;
        }
        return resource;
    }
}
