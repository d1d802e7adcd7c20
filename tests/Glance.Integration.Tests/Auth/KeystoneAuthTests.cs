using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Glance.Authentication;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Auth;

/// <summary>
/// keystone mode against the real Keystone: tokens issued, validated and revoked by Keystone itself, and the
/// OpenStack client finding our service through Keystone's catalogue as it finds any image service.
/// </summary>
[Collection(KeystoneHostsCollection.Name)]
public sealed class KeystoneAuthTests(KeystoneHosts keystone)
{
    private string Challenge => $"Keystone uri=\"{keystone.AuthUrl}\"";

    private static HttpClient Client(LocalHostInstance host, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        }
        return client;
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Challenge, response.Headers.WwwAuthenticate.ToString());
        var body = await response.JsonAsync();
        Assert.Equal("401 Unauthorized", body.GetProperty("code").GetString());
        Assert.StartsWith(Unauthenticated.Message, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> IssueTokenAsync()
    {
        var issued = await keystone.OpenStackAsync("token", "issue", "-f", "value", "-c", "id");
        Assert.True(issued.ExitCode == 0, issued.Output);
        return issued.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }

    [Fact]
    public async Task OpenStackClient_WithPasswordCredentials_CreatesAndListsImagesFoundThroughTheCatalogue()
    {
        var name = "ks-" + Guid.NewGuid().ToString("N")[..8];
        var token = await keystone.OpenStackAsync("token", "issue", "-f", "json");
        Assert.True(token.ExitCode == 0, token.Output);
        var project = JsonDocument.Parse(token.Output).RootElement.GetProperty("project_id").GetString();

        var created = await keystone.OpenStackAsync("image", "create", "--disk-format", "raw", "--container-format", "bare", name, "-f", "json");
        Assert.True(created.ExitCode == 0, created.Output);
        var listed = await keystone.OpenStackAsync("image", "list", "-f", "value", "-c", "Name");
        Assert.True(listed.ExitCode == 0, listed.Output);

        Assert.Equal(project, JsonDocument.Parse(created.Output).RootElement.GetProperty("owner").GetString());
        Assert.Contains(name, listed.Output.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task RevokedToken_KeepsWorkingUntilItsCacheEntryExpires_ThenIs401()
    {
        var token = await IssueTokenAsync();
        using var client = Client(keystone.ShortCache, token);
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/images")).StatusCode);

        var revoked = await keystone.OpenStackAsync("token", "revoke", token);
        Assert.True(revoked.ExitCode == 0, revoked.Output);
        var stillCached = await client.GetAsync("/v2/images");
        Assert.True(clock.Elapsed < KeystoneHosts.ShortCacheTime,
            $"revoking took {clock.Elapsed}, longer than the cache time {KeystoneHosts.ShortCacheTime}: the test cannot see the cached result");
        Assert.Equal(HttpStatusCode.OK, stillCached.StatusCode);

        HttpResponseMessage response;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            response = await client.GetAsync("/v2/images");
        }
        while (response.StatusCode == HttpStatusCode.OK && clock.Elapsed < KeystoneHosts.ShortCacheTime + TimeSpan.FromSeconds(60));

        Assert.True(clock.Elapsed >= KeystoneHosts.ShortCacheTime, $"refused after {clock.Elapsed}, before its cache entry expired");
        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task GarbageOrMissingToken_Is401WithKeystonesChallenge()
    {
        using var garbage = Client(keystone.Catalogued, "gAAAAABnot-a-token-" + Guid.NewGuid().ToString("N"));
        using var none = Client(keystone.Catalogued, null);

        await AssertRefusedAsync(await garbage.GetAsync("/v2/images"));
        await AssertRefusedAsync(await none.GetAsync("/v2/images"));
    }
}
