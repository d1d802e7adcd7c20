using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Domain.Quotas;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>
/// GET /v2/info/usage (2.15): the caller's project's quotas and usage, as Glance's discovery API reports them with
/// unified limits on (they always are here; unlimited is Keystone's -1). Glance checks no policy rule for it,
/// ignores a request body (its router does not refuse one here, as it does on the other GETs) and answers other
/// verbs 404, not 405.
/// </summary>
public sealed class InfoUsageFunctions(GlanceEndpoint endpoint, ProjectQuotas quotas)
{
    [Function(nameof(Usage))]
    public Task<IResult> Usage(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Usage)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            // Glance routes only GET here, with no 405 for the other verbs: its router's 404.
            if (request.Method != "GET")
            {
                throw GlanceErrors.ResourceNotFound();
            }
            var usage = await quotas.ReportAsync(context.Caller.ProjectId, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => Write(w, usage));
        });

    private static void Write(Utf8JsonWriter writer, IReadOnlyList<QuotaUsage> usage)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("usage");
        foreach (var line in usage)
        {
            writer.WriteStartObject(line.Resource);
            writer.WriteNumber("limit", line.Limit);
            writer.WriteNumber("usage", line.Usage);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
