namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A second reference Glance with oslo.policy's enforce_scope on, as current deployments run it: the one whose
/// answer to a caller without a project (403 on every image rule) this service follows in every auth mode.
/// </summary>
public sealed class ScopeEnforcingReferenceGlance : IAsyncLifetime
{
    private readonly ReferenceGlance _glance = new(enforceScope: true);

    public string BaseUrl => _glance.BaseUrl;

    public Task InitializeAsync() => _glance.InitializeAsync();

    public Task DisposeAsync() => _glance.DisposeAsync();
}
