using System.Security.Cryptography;
using System.Text;
using Glance.Domain.Application;
using Glance.Domain.Idempotency;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>
/// The HTTP side of Idempotency-Key: the key is checked, the request is known by its method, path, media type and
/// body, the answer of a first request is captured as it would be sent, remembered when it is a success and sent
/// again (with <c>Idempotent-Replayed: true</c>) to the same request in the key's lifetime. Keys are per project.
/// </summary>
public sealed class IdempotentExecution(IdempotencyKeys keys)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public static bool IsRequested(HttpRequest request) => request.Headers.ContainsKey(Header);

    public async Task<IResult> RunAsync(HttpRequest request, RequestContext context, int maxBodyBytes, Func<RequestContext, Task<IResult>> handle)
    {
        var key = Key(request);
        var body = await BufferBodyAsync(request, maxBodyBytes);
        var scope = "project:" + context.Caller.ProjectId;
        // Not the client's token from here on: a claim written and then abandoned by a cancellation would hold the key.
        switch (await keys.BeginAsync(scope, key, Fingerprint(request, body), CancellationToken.None))
        {
            case IdempotencyDecision.Replay replay:
                return new StoredAnswerResult(replay.Answer, replayed: true);
            case IdempotencyDecision.InProgress:
                throw HttpErrors.IdempotencyKeyInProgress();
            case IdempotencyDecision.Mismatch:
                throw HttpErrors.IdempotencyKeyReused();
            case IdempotencyDecision.Run run:
                return await RunFirstAsync(request, context with { IsIdempotent = true }, handle, run.Claim);
            default:
                throw new InvalidOperationException("Unknown idempotency decision.");
        }
    }

    private async Task<IResult> RunFirstAsync(HttpRequest request, RequestContext context, Func<RequestContext, Task<IResult>> handle, IdempotencyClaim claim)
    {
        StoredAnswer answer;
        try
        {
            answer = await CaptureAsync(await handle(context), request);
        }
        catch
        {
            // A refused or failed request does not hold its key: sent again, it runs again.
            await keys.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }
        // Past this point the request succeeded whether or not the client is still there: remember it regardless.
        if (answer.Status is >= 200 and < 300 && answer.Body.Length <= IdempotencyRecord.MaxAnswerBytes)
        {
            await keys.CompleteAsync(claim, answer, CancellationToken.None);
        }
        else
        {
            await keys.ReleaseAsync(claim, CancellationToken.None);
        }
        return new StoredAnswerResult(answer, replayed: false);
    }

    private static string Key(HttpRequest request)
    {
        var values = request.Headers[Header];
        var key = values.Count == 1 ? values[0] ?? "" : "";
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw HttpErrors.IdempotencyKeyInvalid(MaxKeyLength);
        }
        return key;
    }

    // The use case reads the body after this: it is kept in memory (JSON bodies are capped) and given back to it.
    private static async Task<byte[]> BufferBodyAsync(HttpRequest request, int maxBytes)
    {
        var body = await RequestBodies.ReadCappedAsync(request, maxBytes, request.HttpContext.RequestAborted);
        request.Body = new MemoryStream(body, writable: false);
        return body;
    }

    private static string Fingerprint(HttpRequest request, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n{request.ContentType}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The answer as it would be sent: the result run against a response of our own.</summary>
    private static async Task<StoredAnswer> CaptureAsync(IResult result, HttpRequest request)
    {
        var capture = new DefaultHttpContext { RequestServices = request.HttpContext.RequestServices };
        capture.Request.Headers.Accept = request.Headers.Accept;
        using var body = new MemoryStream();
        capture.Response.Body = body;
        await result.ExecuteAsync(capture);
        var headers = capture.Response.Headers
            .Where(h => !string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new StoredAnswer(capture.Response.StatusCode, headers, body.ToArray());
    }
}
