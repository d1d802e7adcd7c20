using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Policy;

namespace Glance.Domain.Tests.Policy;

public sealed class PolicyRuleParserTests
{
    private static bool Evaluate(string rule, Caller caller, PolicyTarget? target = null, IReadOnlyDictionary<string, string>? others = null)
    {
        // A default's name: an override of a name nothing checks would be refused as a likely typo.
        var rules = new Dictionary<string, string>(others ?? new Dictionary<string, string>()) { [ImagePolicyDefaults.Deactivate] = rule };
        return new ImagePolicy(rules).Check(ImagePolicyDefaults.Deactivate, caller, target ?? PolicyTarget.Empty);
    }

    private static Caller With(string? project, params string[] roles) => new(project, "u", roles.ToHashSet());

    [Theory]
    [InlineData("role:admin", "role:admin")]
    [InlineData("role:admin or role:member", "(role:admin or role:member)")]
    [InlineData("role:a or role:b and role:c", "(role:a or (role:b and role:c))")]
    [InlineData("role:a and role:b or role:c", "((role:a and role:b) or role:c)")]
    [InlineData("(role:a or role:b) and role:c", "((role:a or role:b) and role:c)")]
    [InlineData("not role:a and role:b", "(not role:a and role:b)")]
    [InlineData("not (role:a and role:b)", "not (role:a and role:b)")]
    [InlineData("((role:a))", "role:a")]
    [InlineData("@", "@")]
    [InlineData("!", "!")]
    [InlineData("  role:a   OR\trole:b ", "(role:a or role:b)")]
    [InlineData("'public':%(visibility)s", "'public':%(visibility)s")]
    [InlineData("rule:default", "rule:default")]
    public void Parse_ValidRule_HasOsloPolicyPrecedence(string text, string expected)
    {
        Assert.Equal(expected, PolicyRuleParser.Parse(text).ToString());
    }

    [Fact]
    public void Parse_EmptyRule_AlwaysPasses()
    {
        Assert.Same(PolicyRule.Allow, PolicyRuleParser.Parse(""));
        Assert.Same(PolicyRule.Allow, PolicyRuleParser.Parse("   "));
    }

    [Theory]
    [InlineData("role:a or", "the rule ends where a check was expected")]
    [InlineData("(role:a", "expected ')'")]
    [InlineData("role:a)", "unexpected ')'")]
    [InlineData("role:a role:b", "unexpected 'role:b'")]
    [InlineData("and role:a", "unexpected 'and'")]
    [InlineData("admin", "'admin' is not a check")]
    [InlineData("rule:", "does not name a rule")]
    [InlineData("http://example/check", "remote (http) checks are not supported")]
    [InlineData("project_id:%s", "only %(name)s substitutions are supported")]
    [InlineData("project_id:%(x", "only %(name)s substitutions are supported")]
    public void Parse_InvalidRule_SaysWhy(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PolicyRuleParser.Parse(text));

        Assert.Contains(reason, error.Message);
        Assert.Contains(text.Trim(), error.Message);
    }

    [Theory]
    [InlineData("role:admin", true)]
    [InlineData("role:ADMIN", true)]
    [InlineData("role:member", false)]
    [InlineData("not role:member", true)]
    [InlineData("role:member or role:admin", true)]
    [InlineData("role:member and role:admin", false)]
    [InlineData("@", true)]
    [InlineData("!", false)]
    [InlineData("", true)]
    [InlineData("roles:admin", true)]
    [InlineData("user_id:u", true)]
    [InlineData("project_id:p1", true)]
    [InlineData("project_id:p2", false)]
    [InlineData("domain_id:d", false)]
    public void Check_AgainstCredentials_ActsAsOsloPolicy(string rule, bool expected)
    {
        Assert.Equal(expected, Evaluate(rule, With("p1", "admin")));
    }

    [Fact]
    public void Check_Substitution_ComparesTheTargetValue()
    {
        var target = new PolicyTarget(new Dictionary<string, string?> { ["project_id"] = "p1", ["visibility"] = "public" });

        Assert.True(Evaluate("project_id:%(project_id)s", With("p1"), target));
        Assert.False(Evaluate("project_id:%(project_id)s", With("p2"), target));
        Assert.True(Evaluate("'public':%(visibility)s", With("p2"), target));
        Assert.False(Evaluate("'shared':%(visibility)s", With("p2"), target));
        Assert.True(Evaluate("project_id:x-%(project_id)s-%%", With("x-p1-%"), target));
    }

    [Fact]
    public void Check_MissingTargetKey_Fails()
    {
        Assert.False(Evaluate("project_id:%(owner)s", With("p1"), PolicyTarget.ForProject("p1")));
        Assert.True(Evaluate("not project_id:%(owner)s", With("p1"), PolicyTarget.ForProject("p1")));
    }

    [Fact]
    public void Check_NullValues_CompareAsPythonNone()
    {
        // oslo.policy formats None as "None": a caller without a project matches an image without an owner.
        Assert.True(Evaluate("project_id:%(project_id)s", With(null), PolicyTarget.ForProject(null)));
        Assert.False(Evaluate("project_id:%(project_id)s", With("p1"), PolicyTarget.ForProject(null)));
    }

    [Fact]
    public void Check_RuleReference_EvaluatesTheNamedRule()
    {
        var others = new Dictionary<string, string> { ["is_publisher"] = "role:publisher" };

        Assert.True(Evaluate("rule:is_publisher or role:admin", With("p1", "publisher"), others: others));
        Assert.False(Evaluate("rule:is_publisher", With("p1", "member"), others: others));
        Assert.True(Evaluate("rule:default", With("p1")));
    }

    [Fact]
    public void ImageTarget_MemberId_IsTheCallerOnAnotherProjectsSharedImageOnly()
    {
        var shared = TestImages.Owned("p1");
        var isMember = "project_id:%(member_id)s";

        Assert.True(Evaluate(isMember, With("p2"), PolicyTarget.ForImage(shared, With("p2"))));
        Assert.False(Evaluate(isMember, With("p1"), PolicyTarget.ForImage(shared, With("p1"))));
        var community = TestImages.Owned("p1", ImageVisibility.Community);
        Assert.False(Evaluate(isMember, With("p2"), PolicyTarget.ForImage(community, With("p2"))));
    }

    [Fact]
    public void ImageTarget_ExposesAttributesAndExtraProperties()
    {
        var image = TestImages.Owned("p1");
        image.SetProperty("os_distro", "debian");
        image.SetProperty("owner", "shadowed");
        image.ChangeProtection(true);
        var target = PolicyTarget.ForImage(image, With("p1"));

        Assert.True(Evaluate("'debian':%(os_distro)s", With("p1"), target));
        Assert.True(Evaluate("'p1':%(owner)s", With("p1"), target));
        Assert.True(Evaluate("'True':%(protected)s", With("p1"), target));
        Assert.True(Evaluate("'queued':%(status)s", With("p1"), target));
    }

    [Fact]
    public void Overrides_ReplaceDefaultsByName()
    {
        var policy = new ImagePolicy(new Dictionary<string, string> { ["publicize_image"] = "role:admin or role:publisher" });
        var image = TestImages.Owned("p1");

        policy.EnforceVisibility(With("p1", "member", "reader", "publisher"), image, ImageVisibility.Public);
        Assert.Throws<Errors.GlanceException>(() => ImagePolicy.Default.EnforceVisibility(With("p1", "member", "reader", "publisher"), image, ImageVisibility.Public));
    }

    [Theory]
    [InlineData("get_image", "rule:nowhere", "refers to rule:nowhere, which is not defined")]
    [InlineData("get_imagse", "role:admin", "not a rule this service checks")]
    [InlineData("get_image", "(role:admin", "Policy 'get_image'")]
    public void Overrides_Unusable_AreRefusedWithTheReason(string name, string rule, string reason)
    {
        var overrides = new Dictionary<string, string> { [name] = rule };

        var error = Assert.Throws<FormatException>(() => new ImagePolicy(overrides));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Check_EmptyRole_PassesNoCaller()
    {
        // A valid check that matches no role, as in oslo.policy.
        Assert.False(Evaluate("role:", With("p1", "admin")));
    }

    [Fact]
    public void Overrides_ThatReferToEachOtherInACycle_AreRefused()
    {
        var overrides = new Dictionary<string, string> { ["a"] = "rule:b", ["b"] = "role:x or rule:a", ["get_image"] = "rule:a" };

        var error = Assert.Throws<FormatException>(() => new ImagePolicy(overrides));

        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void ContextIsAdmin_Override_ChangesWhoIsAdmin()
    {
        var policy = new ImagePolicy(new Dictionary<string, string> { ["context_is_admin"] = "role:cloud_admin" });
        var stranger = With("p2", "cloud_admin");
        var hidden = TestImages.Owned("p1", ImageVisibility.Private);

        Assert.True(policy.IsAdmin(stranger));
        Assert.True(policy.IsVisible(stranger, hidden, null));
        Assert.False(ImagePolicy.Default.IsVisible(stranger, hidden, null));
    }
}
