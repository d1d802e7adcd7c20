using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Glance.Functions.Http;

/// <summary>Establishes the caller from keystonemiddleware's headers, as Glance's context middleware does.</summary>
public sealed class CallerResolver(IOptions<AuthOptions> options)
{
    public Caller Resolve(HttpRequest request)
    {
        var headers = request.Headers;
        var confirmed = string.Equals(headers["X-Identity-Status"].ToString(), "Confirmed", StringComparison.OrdinalIgnoreCase);
        if (!confirmed)
        {
            return options.Value.IsNoAuth
                ? Caller.NoAuthAdmin
                : throw GlanceException.Unauthorized(
                    "This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.");
        }
        var roles = headers["X-Roles"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return new Caller(
            First(headers, "X-Project-Id", "X-Tenant-Id", "X-Tenant"),
            First(headers, "X-User-Id", "X-User"),
            roles);
    }

    private static string? First(IHeaderDictionary headers, params string[] names) =>
        names.Select(n => headers[n].ToString()).FirstOrDefault(v => v.Length > 0);
}
