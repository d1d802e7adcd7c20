using System.Text.Json;
using Glance.Domain.Application;
using Glance.Domain.Tasks;
using Glance.Functions.Http;
using Glance.Functions.Representation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>GET /v2/images/{imageId}/tasks (Glance 2.12): the image's import and validation tasks.</summary>
public sealed class ImageTasksFunctions(GlanceEndpoint endpoint, ImageDataService data)
{
    [Function(nameof(ImageTasks))]
    public Task<IResult> ImageTasks(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImageTasks)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method != "GET" ? endpoint.MethodNotAllowed(request, RouteVerbs.Get) : endpoint.RunAsync(request, async context =>
        {
            var tasks = await data.ListTasksAsync(context.Caller, imageId, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => Write(w, tasks));
        }, rejectBody: true);

    private static void Write(Utf8JsonWriter writer, IReadOnlyList<ImageTask> tasks)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("tasks");
        foreach (var task in tasks)
        {
            writer.WriteStartObject();
            writer.WriteString("id", task.Id);
            writer.WriteString("image_id", task.ImageId);
            writer.WriteString("request_id", task.RequestId);
            writer.WriteString("user", task.User);
            writer.WriteString("type", task.Type);
            writer.WriteString("status", task.Status);
            writer.WriteString("owner", task.Owner);
            writer.WriteString("expires_at", task.ExpiresAt is { } expires ? GlanceTime.Format(expires) : null);
            writer.WriteString("created_at", GlanceTime.Format(task.CreatedAt));
            writer.WriteString("updated_at", GlanceTime.Format(task.UpdatedAt));
            writer.WriteStartObject("input");
            TaskRepresentation.WriteInputFields(writer, task.Input);
            writer.WriteEndObject();
            TaskRepresentation.WriteResult(writer, task);
            writer.WriteString("message", task.Message ?? "");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
