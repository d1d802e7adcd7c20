using System.Net;
using System.Text.Json;
using Glance.Domain.Metadefs;
using Glance.Functions.Metadefs;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests.Metadefs;

/// <summary>
/// Glance's standard catalogue, from Debian's glance-common, loaded into the service against Azurite with each of
/// glance-manage db_load_metadefs's choices, and read back through the API as a client would.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class MetadefCatalogueLoaderTests(GlanceService service)
{
    private const string Watchdog = "OS::Compute::Watchdog";

    private MetadefCatalogueLoader Loader => service.Trusted.App.Services.GetRequiredService<MetadefCatalogueLoader>();

    private async Task<IReadOnlyList<NewNamespace>> CatalogueAsync()
    {
        var (namespaces, refused) = MetadefCatalogueFiles.Read(await StandardMetadefs.FolderAsync());
        Assert.Empty(refused);
        Assert.True(namespaces.Count >= 30, $"only {namespaces.Count} namespaces in glance-common");
        return namespaces;
    }

    private async Task<JsonElement> ShowAsync(string ns)
    {
        using var admin = service.Client("loader", "admin,member,reader");
        using var response = await admin.GetAsync($"/v2/metadefs/namespaces/{ns}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task SendAsAdminAsync(HttpMethod method, string path, string? body = null)
    {
        using var admin = service.Client("loader", "admin,member,reader");
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        using var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Load_StandardCatalogueTwice_CreatesEveryNamespaceOnceAndClientsSeeThem()
    {
        var catalogue = await CatalogueAsync();

        await Loader.LoadAsync(catalogue, CatalogueLoadMode.Skip);
        var again = await Loader.LoadAsync(catalogue, CatalogueLoadMode.Skip);

        Assert.Equal(new CatalogueLoadReport(0, 0, catalogue.Count), again);
        using var reader = service.Client("any-project", "reader");
        var listed = await (await reader.GetAsync("/v2/metadefs/namespaces?limit=1000&sort_key=namespace&sort_dir=asc")).JsonAsync();
        var names = listed.GetProperty("namespaces").EnumerateArray().Select(n => n.GetProperty("namespace").GetString()).ToHashSet();
        Assert.All(catalogue.Where(n => n.Visibility == "public"), n => Assert.Contains(n.Name, names));
        var watchdog = await ShowAsync(Watchdog);
        Assert.Equal("admin", watchdog.GetProperty("owner").GetString());
        Assert.True(watchdog.GetProperty("protected").GetBoolean());
        Assert.Equal("hw_", watchdog.GetProperty("resource_type_associations")[0].GetProperty("prefix").GetString());
        Assert.Equal("string", watchdog.GetProperty("properties").GetProperty("watchdog_action").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Load_MergeThenPreferNewThenOverwrite_RestoreWhatEachPromises()
    {
        var catalogue = await CatalogueAsync();
        var watchdog = catalogue.Where(n => n.Name == Watchdog).ToList();
        await Loader.LoadAsync(watchdog, CatalogueLoadMode.Skip);
        var ns = $"/v2/metadefs/namespaces/{Watchdog}";
        await SendAsAdminAsync(HttpMethod.Put, ns, $$"""{"namespace":"{{Watchdog}}","description":"changed","visibility":"public","protected":false,"owner":"admin"}""");
        await SendAsAdminAsync(HttpMethod.Delete, ns + "/properties/watchdog_action");
        await SendAsAdminAsync(HttpMethod.Post, ns + "/tags/extra");

        Assert.Equal(new CatalogueLoadReport(0, 1, 0), await Loader.LoadAsync(watchdog, CatalogueLoadMode.Merge));
        var merged = await ShowAsync(Watchdog);
        Assert.True(merged.GetProperty("properties").TryGetProperty("watchdog_action", out _));
        Assert.Equal("changed", merged.GetProperty("description").GetString());
        Assert.Equal(new CatalogueLoadReport(0, 0, 1), await Loader.LoadAsync(watchdog, CatalogueLoadMode.Merge));

        await Loader.LoadAsync(watchdog, CatalogueLoadMode.MergePreferNew);
        var preferred = await ShowAsync(Watchdog);
        Assert.StartsWith("Compute drivers may enable watchdog", preferred.GetProperty("description").GetString());
        Assert.True(preferred.GetProperty("protected").GetBoolean());
        Assert.Equal("extra", Assert.Single(preferred.GetProperty("tags").EnumerateArray()).GetProperty("name").GetString());

        await Loader.LoadAsync(watchdog, CatalogueLoadMode.MergeOverwrite);
        Assert.False((await ShowAsync(Watchdog)).TryGetProperty("tags", out _));
    }
}
