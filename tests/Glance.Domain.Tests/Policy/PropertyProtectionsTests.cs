using Glance.Domain.Application;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Patching;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Testing;
using Moq;

namespace Glance.Domain.Tests.Policy;

public sealed class PropertyProtectionsTests
{
    private static readonly Caller Admin = new("p1", "a", new HashSet<string> { "admin", "member", "reader" });
    private static readonly Caller Member = new("p1", "m", new HashSet<string> { "member", "reader" });
    private static readonly Caller Reader = new("p1", "r", new HashSet<string> { "reader" });

    // Glance's example rules unless a test brings its own.
    private static ImagePolicy Policy(string rules = PropertyProtectionsExample.Roles,
        PropertyProtectionRuleFormat format = PropertyProtectionRuleFormat.Roles, IReadOnlyDictionary<string, string>? overrides = null) =>
        new(overrides, PropertyProtections.Parse(rules, format));

    [Theory]
    [InlineData("x_billing_code", "admin", PropertyOperation.Create, true)]
    [InlineData("x_billing_code", "member", PropertyOperation.Create, false)]
    [InlineData("x_billing_code", "member", PropertyOperation.Read, true)]
    [InlineData("x_billing_code", "reader", PropertyOperation.Read, false)]
    [InlineData("x_billing_code", "MEMBER", PropertyOperation.Read, true)]
    [InlineData("x_ro_a", "reader", PropertyOperation.Read, true)]
    [InlineData("x_ro_a", "admin", PropertyOperation.Update, false)]
    [InlineData("x_ro_a", "admin", PropertyOperation.Delete, false)]
    [InlineData("anything_else", "nobody", PropertyOperation.Update, true)]
    // The first matching section decides: "x_billing_" also matches [.*], which comes later.
    [InlineData("x_billing_", "nobody", PropertyOperation.Read, false)]
    // Sections are searched for, not anchored: "^x_ro_" matches only at the start.
    [InlineData("a_x_ro_b", "nobody", PropertyOperation.Delete, true)]
    public void Allows_FirstMatchingSection_Decides(string property, string role, PropertyOperation operation, bool expected)
    {
        var caller = new Caller("p1", "u", new HashSet<string> { role });

        Assert.Equal(expected, Policy().AllowsProperty(caller, property, operation));
    }

    [Fact]
    public void Allows_PropertyNoSectionMatches_IsDeniedEverything()
    {
        var policy = Policy("[^x_.*]\ncreate = @\nread = @\nupdate = @\ndelete = @\n");

        Assert.True(policy.AllowsProperty(Admin, "x_a", PropertyOperation.Read));
        Assert.All(Enum.GetValues<PropertyOperation>(), op => Assert.False(policy.AllowsProperty(Admin, "other", op)));
    }

    [Fact]
    public void Allows_EmptyValue_DeniesEveryone()
    {
        var policy = Policy("[.*]\ncreate = admin\nread = @\nupdate =\ndelete = \n");

        Assert.False(policy.AllowsProperty(Admin, "k", PropertyOperation.Update));
        Assert.False(policy.AllowsProperty(Admin, "k", PropertyOperation.Delete));
        Assert.True(policy.AllowsProperty(Admin, "k", PropertyOperation.Create));
    }

    [Fact]
    public void Allows_NoProtections_AllowsEverything()
    {
        Assert.True(ImagePolicy.Default.AllowsProperty(Reader, "x_billing_code", PropertyOperation.Delete));
        Assert.True(Policy("# no sections\n").AllowsProperty(Reader, "x", PropertyOperation.Delete));
    }

    [Fact]
    public void Allows_PoliciesFormat_EvaluatesTheNamedRule()
    {
        var policy = Policy(
            "[^x_.*]\ncreate = glance_creator\nread = @\nupdate = context_is_admin\ndelete = !\n",
            PropertyProtectionRuleFormat.Policies,
            new Dictionary<string, string> { ["glance_creator"] = "role:admin or role:creator" });
        var creator = new Caller("p1", "u", new HashSet<string> { "creator" });

        Assert.True(policy.AllowsProperty(creator, "x_a", PropertyOperation.Create));
        Assert.False(policy.AllowsProperty(Member, "x_a", PropertyOperation.Create));
        Assert.False(policy.AllowsProperty(creator, "x_a", PropertyOperation.Update));
        Assert.True(policy.AllowsProperty(Admin, "x_a", PropertyOperation.Update));
        Assert.False(policy.AllowsProperty(Admin, "x_a", PropertyOperation.Delete));
    }

    [Theory]
    [InlineData("[a]\ncreate = @\nread = @\nupdate = @\n", "has no 'delete'")]
    [InlineData("[(]\ncreate = @\nread = @\nupdate = @\ndelete = @\n", "not a regular expression")]
    [InlineData("[a]\ncreate = @,!\nread = @\nupdate = @\ndelete = @\n", "mutually exclusive")]
    [InlineData("create = @\n", "line 1: a key before the first [section]")]
    [InlineData("[a]\ncreate\n", "line 2: 'create' is neither")]
    [InlineData("[a]\ncreate = @\nCREATE = !\n", "line 3: key 'create' appears twice")]
    [InlineData("[a]\n[a]\n", "line 2: section [a] appears twice")]
    [InlineData("[a]\ncreate = 100%\n", "interpolation")]
    public void Parse_BrokenRules_AreRefusedWithTheReason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PropertyProtections.Parse(text, PropertyProtectionRuleFormat.Roles));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Parse_PoliciesFormat_RefusesSeveralPoliciesAndUnknownOnes()
    {
        Assert.Contains("several policies", Assert.Throws<FormatException>(() =>
            PropertyProtections.Parse("[a]\ncreate = p,q\nread = @\nupdate = @\ndelete = @\n", PropertyProtectionRuleFormat.Policies)).Message);
        Assert.Contains("'nowhere', which is not defined", Assert.Throws<FormatException>(() =>
            Policy("[a]\ncreate = nowhere\nread = @\nupdate = @\ndelete = @\n", PropertyProtectionRuleFormat.Policies)).Message);
    }

    [Fact]
    public void Parse_ConfigParserDialect_KeepsSectionNamesAndReadsItsForms()
    {
        // Section names keep case and ':'; keys ignore case; ':' also separates; DEFAULT fills gaps; indented lines continue.
        var policy = Policy("""
            [DEFAULT]
            update = !
            delete = !

            [^X:(a|b)$]
            Create: admin,
              member
            READ = @
            """);

        Assert.True(policy.AllowsProperty(Member, "X:a", PropertyOperation.Create));
        Assert.False(policy.AllowsProperty(Reader, "X:a", PropertyOperation.Create));
        Assert.False(policy.AllowsProperty(Admin, "X:a", PropertyOperation.Update));
        Assert.False(policy.AllowsProperty(Admin, "x:a", PropertyOperation.Read));
    }

    private sealed class Service
    {
        public Mock<IImageRepository> Repository { get; } = new();
        public ImageService Images { get; }
        public Image? Saved { get; private set; }

        public Service(ImagePolicy policy, Image? stored = null)
        {
            Repository.Setup(r => r.AddAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
                .Callback((Image i, IReadOnlyList<ImageEvent> _, CancellationToken _) => Saved = i).Returns(Task.CompletedTask);
            Repository.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
                .Callback((Image i, IReadOnlyList<ImageEvent> _, CancellationToken _) => Saved = Image.Restore(i.ToSnapshot())).Returns(Task.CompletedTask);
            if (stored is not null)
            {
                Repository.Holds(stored.Id, () => Image.Restore(stored.ToSnapshot()));
            }
            Images = new ImageService(Repository.Object, new ImageAccess(Repository.Object, policy), policy,
                Mock.Of<IImageDataStore>(), Mock.Of<IDataUrlIssuer>(), new ImageServiceOptions(), TestImages.Unlimited(), TestImages.Updater(Repository.Object), TimeProvider.System);
        }

        public Task<Image> PatchAsync(Caller caller, string id, string json) =>
            Images.UpdateAsync(caller, id, TestImages.Patch(json), PatchMediaVersion.V21);
    }

    private static Image Stored()
    {
        var image = TestImages.Owned("p1");
        image.SetProperty("x_billing_code", "b1");
        image.SetProperty("x_ro_a", "r1");
        image.SetProperty("x_secret_s", "s1");
        image.SetProperty("plain", "p");
        return image;
    }

    [Fact]
    public async Task CreateAsync_PropertyTheCallerMayNotCreate_IsForbidden()
    {
        var service = new Service(Policy());

        var error = await Assert.ThrowsAsync<GlanceException>(() => service.Images.CreateAsync(Member, TestImages.Create("""{"name":"n","x_billing_code":"1"}""")));

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
        Assert.Equal("Attribute 'x_billing_code' is reserved.", error.Message);
        Assert.Null(service.Saved);
    }

    [Fact]
    public async Task CreateAsync_PropertyTheCallerMayCreateButNotRead_IsStoredAndHidden()
    {
        var service = new Service(Policy());

        var shown = await service.Images.CreateAsync(Member, TestImages.Create("""{"x_secret_s":"s","x_ro_a":"r"}"""));

        Assert.Equal(["x_ro_a"], shown.ExtraProperties.Keys);
        Assert.Equal("s", service.Saved!.ExtraProperties["x_secret_s"]);
    }

    [Fact]
    public async Task GetAsync_UnreadableProperties_AreHidden()
    {
        var stored = Stored();
        var service = new Service(Policy(), stored);

        Assert.Equal(["x_ro_a", "plain"], (await service.Images.GetAsync(Reader, stored.Id)).ExtraProperties.Keys);
        Assert.Equal(["x_billing_code", "x_ro_a", "plain"], (await service.Images.GetAsync(Member, stored.Id)).ExtraProperties.Keys);
        Assert.Equal(["x_billing_code", "x_ro_a", "x_secret_s", "plain"], (await service.Images.GetAsync(Admin, stored.Id)).ExtraProperties.Keys);
    }

    [Theory]
    [InlineData("""[{"op":"replace","path":"/x_billing_code","value":"2"}]""", GlanceErrorKind.NotAllowed, "Attribute 'x_billing_code' is reserved.")]
    [InlineData("""[{"op":"add","path":"/x_billing_code","value":"2"}]""", GlanceErrorKind.NotAllowed, "Attribute 'x_billing_code' is reserved.")]
    [InlineData("""[{"op":"remove","path":"/x_billing_code"}]""", GlanceErrorKind.NotAllowed, "Attribute 'x_billing_code' is reserved.")]
    [InlineData("""[{"op":"add","path":"/x_billing_new","value":"2"}]""", GlanceErrorKind.NotAllowed, "Attribute 'x_billing_new' is reserved.")]
    [InlineData("""[{"op":"replace","path":"/x_ro_a","value":"2"}]""", GlanceErrorKind.NotAllowed, "Attribute 'x_ro_a' is reserved.")]
    [InlineData("""[{"op":"remove","path":"/x_ro_a"}]""", GlanceErrorKind.NotAllowed, "Attribute 'x_ro_a' is reserved.")]
    // A property the caller cannot read does not exist for it, as in Glance.
    [InlineData("""[{"op":"replace","path":"/x_secret_s","value":"2"}]""", GlanceErrorKind.Conflict, "Property x_secret_s does not exist.")]
    [InlineData("""[{"op":"remove","path":"/x_secret_s"}]""", GlanceErrorKind.Conflict, "Property x_secret_s does not exist.")]
    // Glance answers 500 here (it stores the value and fails to save it); create rights must not overwrite it.
    [InlineData("""[{"op":"add","path":"/x_secret_s","value":"2"}]""", GlanceErrorKind.NotAllowed, "Attribute 'x_secret_s' is reserved.")]
    public async Task UpdateAsync_ProtectedProperty_FailsAsGlanceDoes(string json, GlanceErrorKind kind, string message)
    {
        var stored = Stored();
        var service = new Service(Policy(), stored);

        var error = await Assert.ThrowsAsync<GlanceException>(() => service.PatchAsync(Member, stored.Id, json));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(message, error.Message);
        Assert.Null(service.Saved);
    }

    [Fact]
    public async Task UpdateAsync_ByACallerWhoCannotReadSomeProperties_KeepsThemStored()
    {
        var stored = Stored();
        var service = new Service(Policy(), stored);

        var shown = await service.PatchAsync(Member, stored.Id, """[{"op":"replace","path":"/name","value":"renamed"},{"op":"add","path":"/x_secret_t","value":"t"}]""");

        // Glance's database layer purges the properties the caller could not read; they stay here.
        Assert.Equal(["x_billing_code", "x_ro_a", "plain"], shown.ExtraProperties.Keys);
        Assert.Equal(["x_billing_code", "x_ro_a", "x_secret_s", "plain", "x_secret_t"], service.Saved!.ExtraProperties.Keys);
        Assert.Equal("renamed", service.Saved.Name);
    }

    [Fact]
    public async Task UpdateAsync_AllowedChanges_Apply()
    {
        var stored = Stored();
        var service = new Service(Policy(), stored);

        await service.PatchAsync(Admin, stored.Id, """[{"op":"replace","path":"/x_billing_code","value":"b2"},{"op":"remove","path":"/x_secret_s"},{"op":"add","path":"/x_ro_b","value":"r"}]""");

        Assert.Equal("b2", service.Saved!.ExtraProperties["x_billing_code"]);
        Assert.False(service.Saved.ExtraProperties.ContainsKey("x_secret_s"));
        Assert.Equal("r", service.Saved.ExtraProperties["x_ro_b"]);
    }
}
