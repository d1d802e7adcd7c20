using System.Text.RegularExpressions;
using Glance.Domain.Errors;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>
/// Every request no other function matched (routing prefers literal and parameter routes to a catch-all):
/// a v2 path known with other verbs is 405 with Allow, another v2 path is 404, and anything outside v2 is
/// Glance's version negotiation: 300 with the versions document.
/// </summary>
public sealed partial class FallbackFunctions(GlanceEndpoint endpoint)
{
    private static readonly IReadOnlyList<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)> Routes =
        HttpFunctionCatalog.All
            .Where(f => f.Name != nameof(Unmatched))
            .GroupBy(f => f.Route, StringComparer.OrdinalIgnoreCase)
            .Select(g => (new TemplateMatcher(TemplateParser.Parse(g.Key), new RouteValueDictionary()),
                (IReadOnlyList<string>)g.SelectMany(f => f.Methods).Distinct().ToList()))
            .ToList();

    [Function(nameof(Unmatched))]
    public Task<IResult> Unmatched(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = "{*path}")]
        HttpRequest request) =>
        endpoint.RunAsync(request, context =>
        {
            var path = request.Path.Value ?? "/";
            if (!V2Prefix().IsMatch(path))
            {
                return Task.FromResult<IResult>(new JsonResult(StatusCodes.Status300MultipleChoices, w => VersionsDocument.Write(w, context.BaseUrl)));
            }
            var allowed = Routes
                .Where(r => r.Matcher.TryMatch(path, new RouteValueDictionary()))
                .SelectMany(r => r.Methods)
                .Distinct()
                .ToList();
            if (allowed.Count > 0)
            {
                var headers = new Dictionary<string, string> { ["Allow"] = string.Join(", ", allowed) };
                return Task.FromResult<IResult>(GlanceEndpoint.Error(
                    new GlanceException(GlanceErrorKind.MethodNotAllowed, $"The method {request.Method} is not allowed for this resource. "), headers));
            }
            throw GlanceException.NotFound("The resource could not be found.");
        }, anonymous: true);

    [GeneratedRegex(@"^/v2(/|$)")]
    private static partial Regex V2Prefix();
}
