namespace Glance.Authentication;

/// <summary>
/// The headers of the request being authenticated, whatever serves it (the Functions worker, the local host, a test):
/// credentials and keystonemiddleware's identity headers are all an authenticator reads of a request.
/// </summary>
public interface IRequestHeaders
{
    /// <summary>The header's value, its values joined by commas when it was sent more than once; "" when absent. Names are case-insensitive.</summary>
    string this[string name] { get; }
}
