using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>Streams image bytes to the client with constant memory; the source is disposed at the end.</summary>
public sealed class StreamResult(int statusCode, Stream content, long length, IReadOnlyDictionary<string, string> headers) : IResult
{
    private const int BufferSize = 1024 * 1024;

    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using (content)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "application/octet-stream";
            response.ContentLength = length;
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }
            await content.CopyToAsync(response.Body, BufferSize, httpContext.RequestAborted);
        }
    }
}
