using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>
/// GET /v2/tasks and /v2/tasks/{id} over the service's real storage: the task an import records is listed and shown
/// to an administrator as Glance shows it; POST /v2/tasks reads the body as Glance does, then refuses the legacy import.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class TasksApiTests(GlanceService service)
{
    [Fact]
    public async Task AGlanceDirectImport_IsListedAndShownToAnAdministrator()
    {
        using var owner = service.Client("tasks-owner");
        using var admin = service.Client("tasks-admins", "admin,member,reader");
        var id = await owner.CreateRawImageAsync("tasks-api");
        var stage = new ByteArrayContent(new byte[4096]);
        stage.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PutAsync($"/v2/images/{id}/stage", stage)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostJsonAsync($"/v2/images/{id}/import", """{"method":{"name":"glance-direct"}}""")).StatusCode);
        Assert.Equal("active", (await ImportCompletion.WaitAsync(owner, id)).GetProperty("status").GetString());
        var taskId = (await (await owner.GetAsync($"/v2/images/{id}/tasks")).JsonAsync()).GetProperty("tasks")[0].GetProperty("id").GetString()!;

        var list = await (await admin.GetAsync("/v2/tasks?limit=1000")).JsonAsync();
        var shown = await admin.GetAsync($"/v2/tasks/{taskId}");

        var listed = list.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == taskId);
        Assert.Equal(["id", "type", "status", "owner", "created_at", "updated_at", "self", "schema", "expires_at"], Names(listed));
        Assert.Equal("success", listed.GetProperty("status").GetString());
        Assert.Equal("tasks-owner", listed.GetProperty("owner").GetString());
        Assert.Equal("/v2/tasks?limit=1000", list.GetProperty("first").GetString());
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var task = await shown.JsonAsync();
        Assert.Equal(
            ["id", "input", "type", "status", "owner", "message", "result", "created_at", "updated_at", "self", "schema", "image_id", "request_id", "user_id", "expires_at"],
            Names(task));
        Assert.Equal(id, task.GetProperty("image_id").GetString());
        Assert.Equal(id, task.GetProperty("result").GetProperty("image_id").GetString());
        Assert.Equal("glance-direct", task.GetProperty("input").GetProperty("import_req").GetProperty("method").GetProperty("name").GetString());
        Assert.Equal("u-tasks-owner", task.GetProperty("user_id").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync($"/v2/tasks/{taskId}")).StatusCode);
    }

    [Fact]
    public async Task Create_AWellFormedLegacyImport_IsRefusedWithTheWayToDoIt()
    {
        using var admin = service.Client("tasks-admins", "admin,member,reader");

        var response = await admin.PostJsonAsync("/v2/tasks",
            """{"type":"import","input":{"import_from":"http://example.com/a.qcow2","import_from_format":"qcow2","image_properties":{"name":"legacy"}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("POST /v2/images/{image_id}/import (web-download)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_FollowTheirNextLinks()
    {
        using var admin = service.Client("tasks-admins", "admin,member,reader");
        var seen = new List<string>();
        var next = "/v2/tasks?limit=2&sort_key=id&sort_dir=asc";

        for (var pages = 0; next is not null && pages < 3; pages++)
        {
            var page = await (await admin.GetAsync(next)).JsonAsync();
            seen.AddRange(page.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            next = page.TryGetProperty("next", out var link) ? link.GetString() : null;
            Assert.Equal("/v2/tasks?limit=2&sort_key=id&sort_dir=asc", page.GetProperty("first").GetString());
        }

        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
