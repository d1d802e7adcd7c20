using System.Text.RegularExpressions;

namespace Glance.Functions.Http;

/// <summary>
/// A request path as Glance's WSGI pipeline reads it: its HTTP server takes leading slashes as one, its version
/// negotiation takes the first segment, and the URL map in front of its v2 router takes every run of slashes as one
/// (<c>/v2//images</c> is the list, <c>/v2/images//file</c> the image "file").
/// </summary>
public static partial class GlancePaths
{
    /// <summary><paramref name="path"/> with every run of slashes as one.</summary>
    public static string Collapse(string path) => Slashes().Replace(path, "/");

    /// <summary>The first segment, after the leading slashes.</summary>
    public static string FirstSegment(string path) => path.TrimStart('/').Split('/', 2)[0];

    /// <summary><paramref name="path"/> with its leading slashes as one, as Glance's HTTP server passes it on.</summary>
    public static string WithOneLeadingSlash(string path) => "/" + path.TrimStart('/');

    [GeneratedRegex("/{2,}")]
    private static partial Regex Slashes();
}
