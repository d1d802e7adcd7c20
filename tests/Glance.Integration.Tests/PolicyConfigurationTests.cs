using System.Net;
using Glance.Integration.Tests.Infrastructure;
using Glance.Testing;
using Microsoft.Extensions.Options;

namespace Glance.Integration.Tests;

/// <summary>
/// Glance:Policy through the HTTP API: property protections from a file and a rule override, on a local host of
/// their own over the collection's Azurite; and settings that cannot work stopping the service at start.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class PolicyConfigurationTests(GlanceService service)
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    private static HttpClient Client(LocalHostInstance host, string project, string roles)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Identity-Status", "Confirmed");
        client.DefaultRequestHeaders.Add("X-Project-Id", project);
        client.DefaultRequestHeaders.Add("X-Roles", roles);
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        return client;
    }

    [Fact]
    public async Task PropertyProtectionsAndARuleOverride_FromConfiguration_ApplyThroughTheApi()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("glance-policy-").FullName, "property-protections.conf");
        await File.WriteAllTextAsync(file, PropertyProtectionsExample.Roles);
        await using var host = await LocalHostInstance.StartAsync(service.Azurite, "trusted", new Dictionary<string, string?>
        {
            ["Glance:Policy:PropertyProtectionFile"] = file,
            ["Glance:Policy:Rules:publicize_image"] = "role:admin or (role:publisher and project_id:%(project_id)s)",
        });
        var project = "protect-" + Run;
        using var admin = Client(host, "admins-" + Run, "admin,member,reader");
        using var member = Client(host, project, "member,reader");
        using var reader = Client(host, project, "reader");
        using var publisher = Client(host, project, "member,reader,publisher");

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostJsonAsync("/v2/images", """{"x_billing_code":"b"}""")).StatusCode);
        var created = await admin.CreateImageAsync($$"""{"name":"protected","owner":"{{project}}","x_billing_code":"b","x_secret_key":"s","plain":"p"}""");
        var id = created.GetProperty("id").GetString()!;

        Assert.Equal(["x_billing_code", "plain"], ExtraProperties(await (await member.GetAsync($"/v2/images/{id}")).JsonAsync()));
        Assert.Equal(["plain"], ExtraProperties(await (await reader.GetAsync($"/v2/images/{id}")).JsonAsync()));
        var listed = (await (await member.GetAsync("/v2/images?name=protected")).JsonAsync()).GetProperty("images").EnumerateArray().Single();
        Assert.Equal(["x_billing_code", "plain"], ExtraProperties(listed));

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PatchJsonAsync($"/v2/images/{id}", """[{"op":"replace","path":"/x_billing_code","value":"c"}]""")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await member.PatchJsonAsync($"/v2/images/{id}", """[{"op":"remove","path":"/x_secret_key"}]""")).StatusCode);
        var renamed = await member.PatchJsonAsync($"/v2/images/{id}", """[{"op":"replace","path":"/name","value":"renamed"}]""");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(["x_billing_code", "plain"], ExtraProperties(await renamed.JsonAsync()));
        var asAdmin = await (await admin.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal("s", asAdmin.GetProperty("x_secret_key").GetString());
        Assert.Equal("renamed", asAdmin.GetProperty("name").GetString());

        const string publicize = """[{"op":"replace","path":"/visibility","value":"public"}]""";
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PatchJsonAsync($"/v2/images/{id}", publicize)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await publisher.PatchJsonAsync($"/v2/images/{id}", publicize)).StatusCode);
    }

    [Theory]
    [InlineData("Glance:Policy:Rules:get_image", "role:admin or (", "Policy 'get_image'")]
    [InlineData("Glance:Policy:Rules:get_imags", "role:admin", "not a rule this service checks")]
    [InlineData("Glance:Policy:PropertyProtections", "[^x_.*]\ncreate = admin\n", "has no 'read'")]
    [InlineData("Glance:Policy:PropertyProtectionFile", "/nonexistent/property-protections.conf", "cannot be read")]
    public async Task StartAsync_UnusablePolicySetting_StopsTheServiceWithTheReason(string setting, string value, string reason)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            LocalHostInstance.StartAsync(service.Azurite, "trusted", new Dictionary<string, string?> { [setting] = value }));

        Assert.Contains(reason, error.Message);
    }

    private static List<string> ExtraProperties(System.Text.Json.JsonElement image)
    {
        var core = new HashSet<string>
        {
            "name", "disk_format", "container_format", "visibility", "size", "virtual_size", "status", "checksum", "protected",
            "min_ram", "min_disk", "owner", "os_hidden", "os_hash_algo", "os_hash_value", "id", "created_at", "updated_at", "tags",
            "self", "file", "schema",
        };
        return image.EnumerateObject().Select(p => p.Name).Where(n => !core.Contains(n)).ToList();
    }
}
