using Glance.Domain.Idempotency;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>An answer captured once and sent as it was; a replay says so in <see cref="IdempotentExecution.ReplayedHeader"/>.</summary>
public sealed class StoredAnswerResult(StoredAnswer answer, bool replayed) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => answer.Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers[name] = value;
        }
        if (replayed)
        {
            response.Headers[IdempotentExecution.ReplayedHeader] = "true";
        }
        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, httpContext.RequestAborted);
    }
}
