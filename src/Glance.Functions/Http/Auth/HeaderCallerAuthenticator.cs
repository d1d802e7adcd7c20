using Glance.Domain.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Glance.Functions.Http.Auth;

/// <summary>
/// <c>trusted</c> and <c>noauth</c> modes: the caller from keystonemiddleware's headers, as Glance's context
/// middleware reads them. Only for local development (<see cref="LocalOnlyAuthModes"/>).
/// </summary>
public sealed class HeaderCallerAuthenticator(IOptions<AuthOptions> options) : ICallerAuthenticator
{
    public string? Challenge => null;

    public ValueTask<Caller> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Headers;
        var confirmed = string.Equals(headers["X-Identity-Status"].ToString(), "Confirmed", StringComparison.OrdinalIgnoreCase);
        if (!confirmed)
        {
            return options.Value.IsNoAuth ? ValueTask.FromResult(Caller.NoAuthAdmin) : throw Unauthenticated.Exception();
        }
        var roles = headers["X-Roles"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return ValueTask.FromResult(new Caller(
            First(headers, "X-Project-Id", "X-Tenant-Id", "X-Tenant"),
            First(headers, "X-User-Id", "X-User"),
            roles));
    }

    private static string? First(IHeaderDictionary headers, params string[] names) =>
        names.Select(n => headers[n].ToString()).FirstOrDefault(v => v.Length > 0);
}
