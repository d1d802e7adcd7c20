using System.Security.Claims;
using Glance.Authentication.Jwt;

namespace Glance.Authentication.Tests.Jwt;

public sealed class JwtClaimsMappingTests
{
    private static ClaimsIdentity Identity(params (string Type, string Value)[] claims) =>
        new(claims.Select(c => new Claim(c.Type, c.Value)), "test");

    [Fact]
    public void ToCaller_DefaultClaims_TakesProjectIdOidAndLowerCasedRoles()
    {
        var identity = Identity(("project_id", "p1"), ("oid", "object-1"), ("sub", "subject-1"), ("roles", "Member"), ("roles", "READER"));

        var caller = JwtClaimsMapping.ToCaller(identity, new JwtAuthOptions());

        Assert.Equal("p1", caller.ProjectId);
        Assert.Equal("object-1", caller.UserId);
        Assert.Equal(["member", "reader"], caller.Roles.Order(StringComparer.Ordinal));
        Assert.False(caller.IsAdmin);
    }

    [Fact]
    public void ToCaller_WithoutOid_TakesSub()
    {
        var caller = JwtClaimsMapping.ToCaller(Identity(("sub", "subject-1")), new JwtAuthOptions());

        Assert.Equal("subject-1", caller.UserId);
    }

    [Fact]
    public void ToCaller_WithoutProjectClaim_HasNoProject()
    {
        var caller = JwtClaimsMapping.ToCaller(Identity(("oid", "o"), ("roles", "admin")), new JwtAuthOptions());

        Assert.Null(caller.ProjectId);
        Assert.True(caller.IsAdmin);
    }

    [Fact]
    public void ToCaller_ConfiguredClaims_AreTheOnesRead()
    {
        var options = new JwtAuthOptions { ProjectClaim = "tid", RolesClaim = "glance_roles" };
        var identity = Identity(("project_id", "ignored"), ("tid", "tenant-1"), ("roles", "admin"), ("glance_roles", "Service"));

        var caller = JwtClaimsMapping.ToCaller(identity, options);

        Assert.Equal("tenant-1", caller.ProjectId);
        Assert.Equal(["service"], caller.Roles);
    }

    [Fact]
    public void ToCaller_SpaceSeparatedRoleString_GivesEachRole()
    {
        // Some issuers put roles in one string claim, as OAuth2 does with scopes.
        var caller = JwtClaimsMapping.ToCaller(Identity(("roles", "member reader")), new JwtAuthOptions());

        Assert.Equal(["member", "reader"], caller.Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ToCaller_NoRoles_HasNone()
    {
        var caller = JwtClaimsMapping.ToCaller(Identity(("oid", "o"), ("project_id", "p")), new JwtAuthOptions());

        Assert.Empty(caller.Roles);
    }
}
