using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>A response with a status and no body (204s), as Glance sends them: no Content-Type.</summary>
public sealed class EmptyResult(int statusCode) : IResult
{
    public int StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
