using System.Text.Json;
using Glance.Authentication.Keystone;

namespace Glance.Authentication.Tests.Keystone;

public sealed class KeystoneTokenTests
{
    // The shape Keystone 22 answers GET /v3/auth/tokens?nocatalog with (ids shortened).
    private const string ProjectScoped = """
        {"token": {"methods": ["password"], "user": {"domain": {"id": "default", "name": "Default"}, "id": "u-123", "name": "glance",
         "password_expires_at": null}, "audit_ids": ["F7hKnLJdR_KXYpVk7LpO-A"], "expires_at": "2026-11-26T10:12:26.000000Z",
         "issued_at": "2026-11-26T08:12:26.000000Z", "project": {"domain": {"id": "default", "name": "Default"}, "id": "p-456", "name": "service"},
         "is_domain": false, "roles": [{"id": "r1", "name": "member"}, {"id": "r2", "name": "Admin"}, {"id": "r3", "name": "reader"}]}}
        """;

    private static KeystoneToken Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return KeystoneToken.Parse(document.RootElement);
    }

    [Fact]
    public void Parse_ProjectScopedToken_MapsAsKeystonemiddlewareDoes()
    {
        var token = Parse(ProjectScoped);

        Assert.Equal("p-456", token.ProjectId);
        Assert.Equal("u-123", token.UserId);
        Assert.Equal(["admin", "member", "reader"], token.Roles.Order(StringComparer.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 12, 26, TimeSpan.Zero), token.ExpiresAt);
        var caller = token.ToCaller();
        Assert.Equal(("p-456", "u-123", true), (caller.ProjectId, caller.UserId, caller.IsAdmin));
    }

    [Fact]
    public void Parse_UnscopedToken_HasNoProjectAndNoRoles()
    {
        var token = Parse("""{"token": {"user": {"id": "u-1"}, "expires_at": "2026-11-26T10:12:26.000000Z", "methods": ["password"]}}""");

        Assert.Null(token.ProjectId);
        Assert.Equal("u-1", token.UserId);
        Assert.Empty(token.Roles);
    }

    [Theory]
    [InlineData("""{"error": {"code": 404}}""")]
    [InlineData("""{"token": {"user": {"id": "u-1"}}}""")]
    [InlineData("""{"token": {"user": {"id": "u-1"}, "expires_at": "soon"}}""")]
    [InlineData("[]")]
    public void Parse_NotAToken_IsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => Parse(json));
    }
}
