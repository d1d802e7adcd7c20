namespace Glance.Authentication;

/// <summary>
/// The identity service (Keystone, the OpenID Connect issuer) could not be asked or refused the service's own
/// credentials: the caller gets 503, as keystonemiddleware answers, because its token may well be valid.
/// </summary>
public sealed class AuthServiceUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
