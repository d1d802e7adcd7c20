namespace Glance.Authentication.Keystone;

/// <summary>A token Keystone issued to the service itself, and when it expires.</summary>
public sealed record KeystoneIssuedToken(string Token, DateTimeOffset ExpiresAt);
