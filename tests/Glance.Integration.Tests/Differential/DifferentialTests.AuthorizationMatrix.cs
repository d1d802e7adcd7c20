using System.Text.Json;
using static Glance.Integration.Tests.Differential.Step;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// A sample of the authorization matrix (Glance.Domain.Tests' AuthorizationMatrixTests: role × the caller's relation
/// to the image × visibility × operation) replayed over HTTP against the reference Glance and against ours, comparing
/// the status codes, and for a list whether the image is in it.
/// </summary>
public sealed partial class DifferentialTests
{
    private const string AdminRoles = "admin,member,reader";

    /// <summary>40 cells: every role, relation, visibility and operation, the cells where the rules disagree most.</summary>
    public static TheoryData<string, string, string, string> MatrixSample() => new()
    {
        { "admin", "other", "private", "show" },
        { "admin", "other", "community", "list" },
        { "admin", "pending", "shared", "member_status" },
        { "admin", "own", "public", "add_member" },
        { "admin", "other", "shared", "publicize" },
        { "admin", "accepted", "private", "delete" },
        { "member", "own", "shared", "add_member" },
        { "member", "own", "shared", "member_status" },
        { "member", "own", "private", "publicize" },
        { "member", "own", "community", "patch" },
        { "member", "own", "private", "upload" },
        { "member", "own", "public", "deactivate" },
        { "member", "other", "public", "patch" },
        { "member", "other", "community", "list" },
        { "member", "other", "shared", "show" },
        { "member", "other", "private", "download" },
        { "member", "accepted", "shared", "list" },
        { "member", "accepted", "shared", "member_status" },
        { "member", "accepted", "shared", "add_tag" },
        { "member", "accepted", "private", "show" },
        { "member", "pending", "shared", "list" },
        { "member", "pending", "shared", "download" },
        { "member", "pending", "shared", "member_status" },
        { "member", "pending", "community", "delete" },
        { "reader", "own", "private", "list" },
        { "reader", "own", "shared", "download" },
        { "reader", "own", "public", "patch" },
        { "reader", "other", "public", "show" },
        { "reader", "accepted", "shared", "add_member" },
        { "reader", "pending", "shared", "show" },
        { "reader", "other", "shared", "upload" },
        { "reader", "own", "shared", "deactivate" },
        { "service", "own", "public", "show" },
        { "service", "own", "private", "list" },
        { "service", "own", "public", "publicize" },
        { "service", "own", "shared", "add_member" },
        { "service", "other", "private", "publicize" },
        { "service", "accepted", "public", "member_status" },
        { "service", "pending", "shared", "add_tag" },
        { "service", "own", "community", "upload" },
    };

    [Theory]
    [MemberData(nameof(MatrixSample))]
    public async Task AuthorizationMatrix_Cell_MatchesGlance(string role, string ownership, string visibility, string operation)
    {
        // Projects of their own per cell: the two services keep state across cells.
        var cell = $"{Run}-{role}-{ownership}-{visibility}-{operation}";
        var owner = "po-" + cell;
        var otherMember = "pmx-" + cell;
        var caller = ownership switch
        {
            "own" => owner,
            "other" => "px-" + cell,
            _ => "pm-" + cell,
        };
        var roles = role switch
        {
            "admin" => AdminRoles,
            "member" => "member,reader",
            "reader" => "reader",
            _ => "service",
        };
        Step AsOwner(Step step) => step with { Project = owner };
        var setup = new List<Step>
        {
            AsOwner(Post("/v2/images", $$"""{"name":"{{cell}}","disk_format":"raw","container_format":"bare"}""")) with { Capture = "img" },
        };
        if (operation != "upload")
        {
            setup.Add(AsOwner(new Step("PUT", "/v2/images/{img}/file", "0123456789") { ContentType = "application/octet-stream" }));
        }
        // Members join while the image is shared; on other visibilities their membership is left over.
        setup.Add(AsOwner(Post("/v2/images/{img}/members", $$"""{"member":"{{otherMember}}"}""")));
        if (ownership is "accepted" or "pending")
        {
            setup.Add(AsOwner(Post("/v2/images/{img}/members", $$"""{"member":"{{caller}}"}""")));
            if (ownership == "accepted")
            {
                setup.Add(new Step("PUT", $"/v2/images/{{img}}/members/{caller}", """{"status":"accepted"}""") { Project = caller });
            }
        }
        if (visibility != "shared")
        {
            setup.Add(Patch("/v2/images/{img}", $$"""[{"op":"replace","path":"/visibility","value":"{{visibility}}"}]""") with { Project = "admins", Roles = AdminRoles });
        }
        var memberToChange = ownership is "accepted" or "pending" ? caller : otherMember;
        var act = (operation switch
        {
            "show" => Get("/v2/images/{img}"),
            "list" => Get($"/v2/images?name={cell}"),
            "download" => Get("/v2/images/{img}/file"),
            "patch" => Patch("/v2/images/{img}", """[{"op":"replace","path":"/name","value":"x"}]"""),
            "delete" => Delete("/v2/images/{img}"),
            "upload" => new Step("PUT", "/v2/images/{img}/file", "abcdefgh") { ContentType = "application/octet-stream" },
            "add_member" => Post("/v2/images/{img}/members", """{"member":"pnew"}"""),
            "member_status" => new Step("PUT", $"/v2/images/{{img}}/members/{memberToChange}", """{"status":"accepted"}"""),
            "add_tag" => new Step("PUT", "/v2/images/{img}/tags/t"),
            "deactivate" => new Step("POST", "/v2/images/{img}/actions/deactivate"),
            "publicize" => Patch("/v2/images/{img}", """[{"op":"replace","path":"/visibility","value":"public"}]"""),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        }) with { Project = caller, Roles = roles };

        var theirs = new GlanceSession(reference.BaseUrl);
        var mine = new GlanceSession(ours.Trusted.BaseUrl);
        foreach (var step in setup)
        {
            Assert.True((await theirs.RunAsync(step)).Status < 300, $"reference setup failed: {step}");
            Assert.True((await mine.RunAsync(step)).Status < 300, $"our setup failed: {step}");
        }
        var expected = Outcome(await theirs.RunAsync(act));
        var actual = Outcome(await mine.RunAsync(act));

        Assert.True(expected == actual, $"{act}\n  glance: {expected}\n  ours:   {actual}");
    }

    /// <summary>The status, and for a list whether the one image named after the cell is in it.</summary>
    private static string Outcome(Observation observation)
    {
        var status = observation.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (observation.Status != 200 || !observation.Body.StartsWith('{'))
        {
            return status;
        }
        using var body = JsonDocument.Parse(observation.Body);
        return body.RootElement.TryGetProperty("images", out var images)
            ? $"{status}, {images.GetArrayLength()} listed"
            : status;
    }
}
