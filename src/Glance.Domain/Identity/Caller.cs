namespace Glance.Domain.Identity;

/// <summary>Who is calling: the project and roles keystonemiddleware (or our own auth) established.</summary>
public sealed record Caller(string? ProjectId, string? UserId, IReadOnlySet<string> Roles)
{
    public bool IsAdmin => Roles.Contains("admin");

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>Glance's noauth context: an admin with no user and no project.</summary>
    public static Caller Anonymous { get; } = new(null, null, new HashSet<string>(StringComparer.Ordinal));

    public static Caller NoAuthAdmin { get; } = new(null, null, new HashSet<string>(StringComparer.Ordinal) { "admin" });

    /// <summary>
    /// A project (and user) with no roles: whom the service acts for when it starts work itself, such as the task that
    /// validates an owner's upload.
    /// </summary>
    public static Caller WithoutRoles(string? projectId, string? userId = null) =>
        new(projectId, userId, new HashSet<string>(StringComparer.Ordinal));
}
