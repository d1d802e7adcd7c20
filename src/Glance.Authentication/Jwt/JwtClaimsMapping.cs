using System.Security.Claims;
using Glance.Domain.Identity;

namespace Glance.Authentication.Jwt;

/// <summary>
/// A validated token's claims as a Glance caller, in keystonemiddleware's terms: the project from
/// <see cref="JwtAuthOptions.ProjectClaim"/> (none: a caller without a project, like an unscoped Keystone token),
/// the user from <c>oid</c> (Entra ID's stable object id) or else <c>sub</c>, and the roles from
/// <see cref="JwtAuthOptions.RolesClaim"/>, lower-cased as keystonemiddleware lower-cases X-Roles.
/// </summary>
public static class JwtClaimsMapping
{
    public static Caller ToCaller(ClaimsIdentity identity, JwtAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(options);
        var roles = identity.FindAll(options.RolesClaim)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(role => role.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return new Caller(
            NonEmpty(identity.FindFirst(options.ProjectClaim)?.Value),
            NonEmpty(identity.FindFirst("oid")?.Value) ?? NonEmpty(identity.FindFirst("sub")?.Value),
            roles);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
