using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>
/// Streams image bytes to the client with constant memory; the source is disposed at the end, and
/// <paramref name="completed"/> learns how many bytes went out (also when the client went away).
/// </summary>
public sealed class StreamResult(
    int statusCode, Stream content, long length, IReadOnlyDictionary<string, string> headers, Func<long, Task>? completed = null) : IResult
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
            var buffer = new byte[BufferSize];
            long sent = 0;
            try
            {
                int read;
                while ((read = await content.ReadAsync(buffer, httpContext.RequestAborted)) > 0)
                {
                    await response.Body.WriteAsync(buffer.AsMemory(0, read), httpContext.RequestAborted);
                    sent += read;
                }
            }
            finally
            {
                if (completed is not null)
                {
                    await completed(sent);
                }
            }
        }
    }
}
