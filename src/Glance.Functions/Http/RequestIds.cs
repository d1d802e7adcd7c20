using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>
/// X-Openstack-Request-Id as oslo.middleware does it: a caller's own <c>req-&lt;uuid&gt;</c> is kept (so one id
/// follows a request across services), anything else is replaced; over 64 characters is 431, as in Glance.
/// </summary>
public static partial class RequestIds
{
    public const string Header = "X-Openstack-Request-Id";

    public static string From(HttpRequest request, out HttpError? rejection)
    {
        rejection = null;
        var offered = request.Headers[Header].ToString();
        if (offered.Length > 64)
        {
            rejection = HttpErrors.RequestIdTooLong();
        }
        else if (ValidId().IsMatch(offered))
        {
            return offered;
        }
        return "req-" + Guid.NewGuid();
    }

    [GeneratedRegex("^req-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$")]
    private static partial Regex ValidId();
}
