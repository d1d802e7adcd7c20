using Glance.Domain.Identity;

namespace Glance.Domain.Policy;

/// <summary>
/// The caller as a rule sees it: the part of oslo.context's to_policy_values that keystonemiddleware's headers fill
/// in and Glance's rules use (project_id, user_id, roles). A null value is Python's None, so
/// <c>project_id:%(project_id)s</c> holds for a caller without a project on an image without an owner, as in Glance.
/// </summary>
internal sealed class PolicyCredentials(Caller caller)
{
    public bool HasRole(string role) => caller.Roles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));

    /// <summary>A generic check's credential side; any other credential fails, as a missing key does in oslo.policy.</summary>
    public bool Matches(string name, string expected) => name switch
    {
        "project_id" => (caller.ProjectId ?? "None") == expected,
        "user_id" => (caller.UserId ?? "None") == expected,
        // oslo.policy compares each member of a list credential.
        "roles" => caller.Roles.Contains(expected),
        _ => false,
    };
}
