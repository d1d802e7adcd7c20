using Glance.Domain.Identity;

namespace Glance.Authentication;

/// <summary>
/// Establishes who is calling, one implementation per <see cref="AuthOptions.Mode"/>. Refuses with
/// <see cref="Unauthenticated.Exception"/> (401) when the request does not prove an identity, and with
/// <see cref="AuthServiceUnavailableException"/> (503) when the identity service cannot be asked.
/// </summary>
public interface ICallerAuthenticator
{
    /// <summary>The <c>WWW-Authenticate</c> value sent with a 401; null: none.</summary>
    string? Challenge { get; }

    ValueTask<Caller> AuthenticateAsync(IRequestHeaders headers, CancellationToken cancellationToken = default);
}
