namespace Glance.Domain.Errors;

/// <summary>
/// What went wrong, in the image service's terms. The HTTP side maps each kind to one status code, in one table
/// (<c>Glance.Functions.Http.ErrorStatus</c>); the messages are in <see cref="GlanceErrors"/>.
/// </summary>
public enum GlanceErrorKind
{
    /// <summary>The request breaks Glance's schema or rules: a value of the wrong type, a bad id, a failed verification.</summary>
    Invalid,

    /// <summary>Who is calling could not be established (no, expired or forged credentials).</summary>
    NotAuthenticated,

    /// <summary>The caller is known, but the rules, the image's protection or its status do not allow this.</summary>
    NotAllowed,

    /// <summary>There is no such thing, or the caller may not see it.</summary>
    NotFound,

    /// <summary>The image's state, or a concurrent change, conflicts with the request.</summary>
    Conflict,

    /// <summary>The image went away while the request was working on it.</summary>
    Gone,

    /// <summary>A quota or size limit would be exceeded.</summary>
    LimitExceeded,

    /// <summary>The image's data is not what its declared formats say it is.</summary>
    UnacceptableContent,
}
