using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>A response with a status, optional headers and no body (204s, redirects), as Glance sends them: no Content-Type.</summary>
public sealed class EmptyResult(int statusCode, IReadOnlyDictionary<string, string>? headers = null) : IResult
{
    public int StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            httpContext.Response.Headers[name] = value;
        }
        httpContext.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
