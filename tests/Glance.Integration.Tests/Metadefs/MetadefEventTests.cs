using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Metadefs;

/// <summary>
/// Metadef notifications through the service and the outbox to a real HTTP listener speaking Event Grid's protocol:
/// every change Glance reports, with Glance's payload keys, in commit order; nothing for a change that was refused.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed partial class MetadefEventTests(GlanceService service)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly string[] NamespaceKeys =
        ["namespace", "namespace_old", "display_name", "protected", "visibility", "owner", "description", "created_at", "updated_at", "deleted", "deleted_at"];

    private static readonly string[] DefinitionKeys =
    [
        "type", "title", "description", "default", "minimum", "maximum", "enum", "pattern", "minLength", "maxLength", "confidential", "items", "uniqueItems",
        "minItems", "maxItems", "additionalItems",
    ];

    private static readonly Dictionary<string, string[]> KeysByKind = new()
    {
        ["metadef_namespace"] = NamespaceKeys,
        ["metadef_object"] = ["namespace", "name", "name_old", "properties", "required", "description", "created_at", "updated_at", "deleted", "deleted_at"],
        ["metadef_property"] = ["namespace", "name", "name_old", .. DefinitionKeys, "deleted", "deleted_at"],
        ["metadef_tag"] = ["namespace", "name", "name_old", "created_at", "updated_at", "deleted", "deleted_at"],
        ["metadef_resource_type"] = ["namespace", "name", "name_old", "prefix", "properties_target", "created_at", "updated_at", "deleted", "deleted_at"],
    };

    private readonly string _ns = "md-events-" + Guid.NewGuid().ToString("N")[..8];

    private HttpClient Admin() => service.Client("md-events", "admin,member,reader");

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task SucceedsAsync(HttpClient client, string method, string path, string? body = null)
    {
        var status = await SendAsync(client, method, path, body);
        Assert.True((int)status is >= 200 and < 300, $"{method} {path}: {status}");
    }

    /// <summary>First arrivals (delivery is at least once) of the events about the namespaces named, in arrival order.</summary>
    private async Task<List<JsonElement>> EventsAboutAsync(int expected, params string[] names)
    {
        bool About(JsonElement e) => e.GetProperty("subject").GetString() is { } subject
            && names.Any(n => subject == $"/metadefs/namespaces/{n}" || subject.StartsWith($"/metadefs/namespaces/{n}/", StringComparison.Ordinal));
        var all = await service.Events.WaitForAsync(events => events.Where(About).DistinctBy(Id).Count() >= expected, Patience);
        return all.Where(About).DistinctBy(Id).ToList();
    }

    private static string? Id(JsonElement e) => e.GetProperty("id").GetString();

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    private static JsonElement Data(JsonElement e) => e.GetProperty("data");

    [Fact]
    public async Task EveryChange_ArrivesInCommitOrderWithGlancesPayloads()
    {
        using var admin = Admin();
        var ns = _ns;
        var renamed = ns + "-renamed";
        var path = $"/v2/metadefs/namespaces/{renamed}";
        await SucceedsAsync(admin, "POST", "/v2/metadefs/namespaces", $$$$"""
            {"namespace":"{{{{ns}}}}","description":"d","resource_type_associations":[{"name":"OS::Glance::Image","prefix":"hw_"}],
             "objects":[{"name":"o","properties":{"p":{"title":"P","type":"string","default":""}}}],"tags":[{"name":"t"}],
             "properties":{"cores":{"title":"Cores","type":"integer","minimum":1}}}
            """);
        await SucceedsAsync(admin, "PUT", $"/v2/metadefs/namespaces/{ns}", $$"""{"namespace":"{{renamed}}","description":"d2"}""");
        await SucceedsAsync(admin, "POST", $"{path}/objects", """{"name":"o2"}""");
        await SucceedsAsync(admin, "PUT", $"{path}/objects/o2", """{"name":"o3","description":"described"}""");
        await SucceedsAsync(admin, "DELETE", $"{path}/objects/o3");
        await SucceedsAsync(admin, "POST", $"{path}/properties", """{"name":"ram","title":"RAM","type":"integer"}""");
        await SucceedsAsync(admin, "PUT", $"{path}/properties/ram", """{"name":"mem","title":"Mem","type":"integer"}""");
        await SucceedsAsync(admin, "DELETE", $"{path}/properties/mem");
        await SucceedsAsync(admin, "POST", $"{path}/tags/t2");
        await SucceedsAsync(admin, "PUT", $"{path}/tags/t2", """{"name":"t3"}""");
        await SucceedsAsync(admin, "DELETE", $"{path}/tags/t3");
        await SucceedsAsync(admin, "POST", $"{path}/tags", """{"tags":[{"name":"a"},{"name":"b"}]}""");
        await SucceedsAsync(admin, "POST", $"{path}/resource_types", """{"name":"OS::Nova::Flavor"}""");
        await SucceedsAsync(admin, "DELETE", $"{path}/resource_types/OS::Nova::Flavor");
        await SucceedsAsync(admin, "DELETE", $"{path}/objects");
        await SucceedsAsync(admin, "DELETE", $"{path}/properties");
        await SucceedsAsync(admin, "DELETE", $"{path}/tags");
        await SucceedsAsync(admin, "DELETE", path);

        string[] expected =
        [
            "metadef_namespace.create", "metadef_resource_type.create", "metadef_object.create", "metadef_tag.create", "metadef_property.create",
            "metadef_namespace.update",
            "metadef_object.create", "metadef_object.update", "metadef_object.delete",
            "metadef_property.create", "metadef_property.update", "metadef_property.delete",
            "metadef_tag.create", "metadef_tag.update", "metadef_tag.delete", "metadef_tag.create", "metadef_tag.create",
            "metadef_resource_type.create", "metadef_resource_type.delete",
            "metadef_namespace.delete_objects", "metadef_namespace.delete_properties", "metadef_namespace.delete_tags", "metadef_namespace.delete",
        ];
        var events = await EventsAboutAsync(expected.Length, ns, renamed);

        Assert.Equal(expected, events.Select(Type));
        Assert.All(events, e =>
        {
            Assert.Equal(("1.0", "/glance/tests", "info"), (e.GetProperty("specversion").GetString(), e.GetProperty("source").GetString(),
                e.GetProperty("priority").GetString()));
            Assert.Equal(KeysByKind[Type(e)!.Split('.')[0]], Data(e).EnumerateObject().Select(p => p.Name));
            Assert.All(new[] { "created_at", "updated_at" }.Where(k => Data(e).TryGetProperty(k, out _)),
                k => Assert.Matches(IsoTime(), Data(e).GetProperty(k).GetString()));
        });
        var created = Data(events[0]);
        Assert.Equal((ns, ns, "d", "private", "md-events", false), (created.GetProperty("namespace").GetString(), created.GetProperty("namespace_old").GetString(),
            created.GetProperty("description").GetString(), created.GetProperty("visibility").GetString(), created.GetProperty("owner").GetString(),
            created.GetProperty("deleted").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("deleted_at").ValueKind);
        Assert.Equal(("OS::Glance::Image", "hw_", ns), (Data(events[1]).GetProperty("name").GetString(), Data(events[1]).GetProperty("prefix").GetString(),
            Data(events[1]).GetProperty("namespace").GetString()));
        var objectProperty = Assert.Single(Data(events[2]).GetProperty("properties").EnumerateArray());
        Assert.Equal(["name", .. DefinitionKeys], objectProperty.EnumerateObject().Select(p => p.Name));
        // Glance's object payload gives every field "or None": the empty default is null.
        Assert.Equal(("p", "P", JsonValueKind.Null), (objectProperty.GetProperty("name").GetString(), objectProperty.GetProperty("title").GetString(),
            objectProperty.GetProperty("default").ValueKind));
        Assert.Equal(JsonValueKind.Null, Data(events[2]).GetProperty("required").ValueKind);
        Assert.Equal(("cores", 1), (Data(events[4]).GetProperty("name").GetString(), Data(events[4]).GetProperty("minimum").GetInt32()));
        Assert.Equal((renamed, ns), (Data(events[5]).GetProperty("namespace").GetString(), Data(events[5]).GetProperty("namespace_old").GetString()));
        Assert.Equal(("o3", "o2", "described", renamed), (Data(events[7]).GetProperty("name").GetString(), Data(events[7]).GetProperty("name_old").GetString(),
            Data(events[7]).GetProperty("description").GetString(), Data(events[7]).GetProperty("namespace").GetString()));
        // What Zed sends: the update's required names as the request gave them (none), the delete's as read back.
        Assert.Equal((JsonValueKind.Null, 0), (Data(events[7]).GetProperty("required").ValueKind, Data(events[8]).GetProperty("required").GetArrayLength()));
        Assert.Equal(("mem", "ram"), (Data(events[10]).GetProperty("name").GetString(), Data(events[10]).GetProperty("name_old").GetString()));
        Assert.Equal(("t3", "t2"), (Data(events[13]).GetProperty("name").GetString(), Data(events[13]).GetProperty("name_old").GetString()));
        Assert.Equal(["a", "b"], events.Skip(15).Take(2).Select(e => Data(e).GetProperty("name").GetString()));
        foreach (var deleted in new[] { events[8], events[11], events[14], events[18], events[22] })
        {
            Assert.True(Data(deleted).GetProperty("deleted").GetBoolean(), Type(deleted));
            Assert.Matches(IsoTime(), Data(deleted).GetProperty("deleted_at").GetString());
        }
        Assert.All(events.Skip(19).Take(3), e => Assert.False(Data(e).GetProperty("deleted").GetBoolean()));
        Assert.Equal([$"/metadefs/namespaces/{ns}", $"/metadefs/namespaces/{ns}/resource_types/OS%3A%3AGlance%3A%3AImage"],
            events.Take(2).Select(e => e.GetProperty("subject").GetString()));
        Assert.Equal($"/metadefs/namespaces/{renamed}/objects/o3", events[7].GetProperty("subject").GetString());
    }

    [Fact]
    public async Task RefusedChanges_PublishNothing()
    {
        using var admin = Admin();
        var taken = _ns + "-taken";
        await SucceedsAsync(admin, "POST", "/v2/metadefs/namespaces", $$"""{"namespace":"{{_ns}}","tags":[{"name":"dup"}]}""");
        await SucceedsAsync(admin, "POST", "/v2/metadefs/namespaces", $$"""{"namespace":"{{taken}}"}""");

        Assert.Equal(HttpStatusCode.Conflict, await SendAsync(admin, "POST", $"/v2/metadefs/namespaces/{_ns}/tags/DUP"));
        Assert.Equal(HttpStatusCode.Conflict, await SendAsync(admin, "PUT", $"/v2/metadefs/namespaces/{_ns}", $$"""{"namespace":"{{taken}}"}"""));
        Assert.Equal(HttpStatusCode.Conflict, await SendAsync(admin, "POST", "/v2/metadefs/namespaces", $$"""{"namespace":"{{_ns}}"}"""));
        await SucceedsAsync(admin, "POST", $"/v2/metadefs/namespaces/{_ns}/tags/marker");

        var events = await EventsAboutAsync(3, _ns);
        Assert.Equal(["metadef_namespace.create", "metadef_tag.create", "metadef_tag.create"], events.Select(Type));
        Assert.Equal(["dup", "marker"], events.Skip(1).Select(e => Data(e).GetProperty("name").GetString()));
        // The marker went through the same partition's outbox after the refusals, in commit order: anything they had
        // left would have come before it.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, (await EventsAboutAsync(0, _ns)).Count);
    }

    [Fact]
    public async Task CreateWithMoreContentsThanATransactionHolds_ReportsEveryItemInOrder()
    {
        using var admin = Admin();
        var tags = Enumerable.Range(0, 150).Select(i => $"t{i:D3}").ToList();
        var body = $$"""{"namespace":"{{_ns}}","tags":[{{string.Join(",", tags.Select(t => $$"""{"name":"{{t}}"}"""))}}]}""";

        await SucceedsAsync(admin, "POST", "/v2/metadefs/namespaces", body);

        var events = await EventsAboutAsync(151, _ns);
        Assert.Equal("metadef_namespace.create", Type(events[0]));
        Assert.Equal(tags, events.Skip(1).Select(e => Data(e).GetProperty("name").GetString()));
        Assert.All(service.Events.Deliveries, d => Assert.True(d.Body.GetArrayLength() <= 100));
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")]
    private static partial Regex IsoTime();
}
