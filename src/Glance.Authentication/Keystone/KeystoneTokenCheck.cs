namespace Glance.Authentication.Keystone;

/// <summary>
/// Keystone's answer about a caller's token: valid (<see cref="Token"/>), not valid (404: unknown, expired or
/// revoked), or our own service token refused (401), which a new service token may cure.
/// </summary>
public sealed record KeystoneTokenCheck(KeystoneToken? Token, bool ServiceTokenRejected)
{
    public static KeystoneTokenCheck Valid(KeystoneToken token) => new(token, false);

    public static KeystoneTokenCheck NotValid { get; } = new(null, false);

    public static KeystoneTokenCheck Rejected { get; } = new(null, true);
}
