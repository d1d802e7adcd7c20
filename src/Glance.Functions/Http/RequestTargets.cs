using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Glance.Functions.Http;

/// <summary>
/// Request paths that ASP.NET Core would route differently from Glance. Kestrel removes dot segments before
/// routing (<c>DELETE /v2/images/{id}/members/..</c> reaches DELETE /v2/images/{id} and deletes the image) and
/// keeps <c>%2F</c> encoded inside a route value (<c>PUT .../tags/a%2Fb</c> stores the tag "a%2Fb"). Glance's
/// router sees neither as such a route and answers 404, so a proxy or policy written for Glance's paths cannot be
/// walked around here. Nor does it match a path with an empty last segment, or with a route's words in another
/// letter case. Both hosts run this check.
/// </summary>
public static class RequestTargets
{
    public static bool IsAmbiguous(HttpRequest request)
    {
        // The raw target, because Path is already normalized and percent-decoded ("%252F" reads as "%2F" there).
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = string.IsNullOrEmpty(target) ? request.Path.Value ?? "" : target.Split('?', 2)[0];
        if (path.Contains("%2F", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // ASP.NET Core's templates ignore a trailing slash and letter case; Glance's router matches neither an empty
        // last segment (GET /v2/images/ or /v2.5/images/ is 404 there, not the list) nor /v2/IMAGES. It reads runs of
        // slashes as one (the fallback serves those paths as the route Glance reads).
        var glancePath = GlancePaths.Collapse(request.Path.Value ?? "");
        if (glancePath.Split('/') is [_, var version, _, ..] && ApiRoutes.IsVersion(version)
            && (glancePath.EndsWith('/') || ApiRoutes.IsRouteInAnotherCase(glancePath)))
        {
            return true;
        }
        foreach (var segment in path.Split('/'))
        {
            var decoded = segment.Replace("%2E", ".", StringComparison.OrdinalIgnoreCase);
            if (decoded is "." or "..")
            {
                return true;
            }
        }
        return false;
    }
}
