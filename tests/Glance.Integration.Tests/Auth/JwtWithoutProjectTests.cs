using System.Net;
using System.Text.Json;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Auth;

/// <summary>jwt mode: a valid token without the project claim may read but not create images, unless it is an admin's.</summary>
[Collection(JwtAuthCollection.Name)]
public sealed class JwtWithoutProjectTests(JwtAuthHosts hosts)
{
    private string TokenWithoutProject(string[] roles)
    {
        var claims = JwtAuthHosts.Claims("unused", roles);
        claims.Remove("project_id");
        return hosts.Issuer.Token(JwtAuthHosts.Audience, claims);
    }

    [Fact]
    public async Task Create_MemberTokenWithoutProjectClaim_IsForbidden()
    {
        using var client = hosts.Client(TokenWithoutProject(["member", "reader"]));

        var response = await client.PostJsonAsync("/v2/images", """{"name":"jwt-without-project"}""");
        var listed = await client.GetAsync("/v2/images");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("You are not authorized to complete add_image action.",
            (await response.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.DoesNotContain((await listed.JsonAsync()).GetProperty("images").EnumerateArray(),
            i => i.GetProperty("name").GetString() == "jwt-without-project");
    }

    [Fact]
    public async Task Create_AdminTokenWithoutProjectClaim_CreatesAnImageWithoutOwner()
    {
        using var client = hosts.Client(TokenWithoutProject(["admin", "member", "reader"]));

        var created = await client.CreateImageAsync("""{"name":"jwt-admin-without-project"}""");

        Assert.Equal(JsonValueKind.Null, created.GetProperty("owner").ValueKind);
    }
}
