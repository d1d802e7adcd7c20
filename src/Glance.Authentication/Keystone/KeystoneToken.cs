using System.Globalization;
using System.Text.Json;
using Glance.Domain.Identity;

namespace Glance.Authentication.Keystone;

/// <summary>
/// What a Keystone v3 token body says about its holder, read as keystonemiddleware reads it into X-Project-Id,
/// X-User-Id and X-Roles: <c>token.project.id</c> (absent for unscoped and domain-scoped tokens),
/// <c>token.user.id</c> and <c>token.roles[].name</c> lower-cased. <c>is_admin_project</c> is not read: Glance's
/// default policies do not use it.
/// </summary>
public sealed record KeystoneToken(string? ProjectId, string? UserId, IReadOnlySet<string> Roles, DateTimeOffset ExpiresAt)
{
    /// <exception cref="FormatException">The body is not a v3 token (no <c>token.expires_at</c>).</exception>
    public static KeystoneToken Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("token", out var token) || token.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The body has no 'token' object.");
        }
        var expires = token.TryGetProperty("expires_at", out var e) && e.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? at
                : throw new FormatException("The token has no valid 'expires_at'.");
        var roles = new HashSet<string>(StringComparer.Ordinal);
        if (token.TryGetProperty("roles", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var role in list.EnumerateArray())
            {
                if (Id(role, "name") is { } name)
                {
                    roles.Add(name.ToLowerInvariant());
                }
            }
        }
        return new KeystoneToken(
            token.TryGetProperty("project", out var project) ? Id(project, "id") : null,
            token.TryGetProperty("user", out var user) ? Id(user, "id") : null,
            roles,
            expires);
    }

    public Caller ToCaller() => new(ProjectId, UserId, Roles);

    private static string? Id(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
