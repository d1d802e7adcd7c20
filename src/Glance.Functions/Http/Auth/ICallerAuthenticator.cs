using Glance.Domain.Identity;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http.Auth;

/// <summary>
/// Establishes who is calling, one implementation per <see cref="AuthOptions.Mode"/>. Refuses with
/// <see cref="Unauthenticated.Exception"/> (401) when the request does not prove an identity, and with
/// <see cref="AuthServiceUnavailableException"/> (503) when the identity service cannot be asked.
/// </summary>
public interface ICallerAuthenticator
{
    /// <summary>The <c>WWW-Authenticate</c> value sent with a 401; null: none.</summary>
    string? Challenge { get; }

    ValueTask<Caller> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken = default);
}
