using System.Text.RegularExpressions;
using Glance.Domain.Errors;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>
/// Every path no route serves (its template excludes theirs, so no order of trying routes lets it shadow one):
/// a v2 path is Glance's 404, anything else is Glance's version negotiation, 300 with the versions document.
/// </summary>
public sealed partial class FallbackFunctions(GlanceEndpoint endpoint)
{
    [Function(nameof(Unmatched))]
    public Task<IResult> Unmatched(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Unmatched)] HttpRequest request) =>
        endpoint.RunAsync(request, context =>
        {
            if (!V2Prefix().IsMatch(request.Path.Value ?? "/"))
            {
                return Task.FromResult<IResult>(new JsonResult(StatusCodes.Status300MultipleChoices, w => VersionsDocument.Write(w, context.BaseUrl)));
            }
            throw GlanceException.NotFound("The resource could not be found.");
        }, anonymous: true);

    [GeneratedRegex(@"^/v2(/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex V2Prefix();
}
