using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Glance.Functions.Http;

/// <summary>
/// One HTTP function as the fallback reaches it: its name and route template (those of its [Function] and
/// [HttpTrigger]), and the call of its method with the route values bound by name.
/// </summary>
public sealed class ApiRoute(
    string name, string template, Func<IServiceProvider, HttpRequest, RouteValueDictionary, CancellationToken, Task<IResult>> invoke)
{
    // As ASP.NET Core templates match paths: letter case and a trailing slash ignored; inline constraints are not checked.
    private readonly TemplateMatcher _matcher = new(TemplateParser.Parse(template), new RouteValueDictionary());

    public string Name { get; } = name;

    public string Template { get; } = template;

    /// <summary>The route values when <paramref name="path"/> is this route, else null.</summary>
    public RouteValueDictionary? Match(string path)
    {
        var values = new RouteValueDictionary();
        return _matcher.TryMatch(new PathString(path), values) ? values : null;
    }

    public Task<IResult> InvokeAsync(IServiceProvider services, HttpRequest request, RouteValueDictionary values, CancellationToken cancellationToken) =>
        invoke(services, request, values, cancellationToken);
}
