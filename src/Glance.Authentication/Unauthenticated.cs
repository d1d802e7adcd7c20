using Glance.Domain.Errors;

namespace Glance.Authentication;

/// <summary>The one refusal for a missing, invalid or expired credential, whatever the mode.</summary>
public static class Unauthenticated
{
    /// <summary>webob's explanation for 401, which is what Glance answers; it never says why a token was refused.</summary>
    public const string Message =
        "This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.";

    public static GlanceException Exception() => GlanceException.NotAuthenticated(Message);
}
