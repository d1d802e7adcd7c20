using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>A JSON response written with a <see cref="Utf8JsonWriter"/> callback, plus optional headers.</summary>
public sealed class JsonResult(int statusCode, Action<Utf8JsonWriter> write, IReadOnlyDictionary<string, string>? headers = null) : IResult
{
    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, GlanceJson.WriterOptions))
        {
            write(writer);
        }
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }
}
