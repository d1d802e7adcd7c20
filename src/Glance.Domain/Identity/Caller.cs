namespace Glance.Domain.Identity;

/// <summary>Who is calling: the project and roles keystonemiddleware (or our own auth) established.</summary>
public sealed record Caller(string? ProjectId, string? UserId, IReadOnlySet<string> Roles)
{
    public bool IsAdmin => Roles.Contains("admin");

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>Glance's noauth context: an admin with no user and no project.</summary>
    public static Caller Anonymous { get; } = new(null, null, new HashSet<string>(StringComparer.Ordinal));

    public static Caller NoAuthAdmin { get; } = new(null, null, new HashSet<string>(StringComparer.Ordinal) { "admin" });
}
