using Glance.Domain.Identity;
using Microsoft.Extensions.Options;

namespace Glance.Authentication;

/// <summary>
/// <c>trusted</c> and <c>noauth</c> modes: the caller from keystonemiddleware's headers, as Glance's context
/// middleware reads them. Only for local development (<see cref="LocalOnlyAuthModes"/>).
/// </summary>
public sealed class HeaderCallerAuthenticator(IOptions<AuthOptions> options) : ICallerAuthenticator
{
    public string? Challenge => null;

    public ValueTask<Caller> AuthenticateAsync(IRequestHeaders headers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var confirmed = string.Equals(headers["X-Identity-Status"], "Confirmed", StringComparison.OrdinalIgnoreCase);
        if (!confirmed)
        {
            return options.Value.IsNoAuth ? ValueTask.FromResult(Caller.NoAuthAdmin) : throw Unauthenticated.Exception();
        }
        var roles = headers["X-Roles"]
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return ValueTask.FromResult(new Caller(
            First(headers, "X-Project-Id", "X-Tenant-Id", "X-Tenant"),
            First(headers, "X-User-Id", "X-User"),
            roles));
    }

    private static string? First(IRequestHeaders headers, params string[] names) =>
        names.Select(n => headers[n]).FirstOrDefault(v => v.Length > 0);
}
