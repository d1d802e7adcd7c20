using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Members;
using Glance.Domain.Patching;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Moq;

namespace Glance.Domain.Tests.Policy;

/// <summary>
/// Who may do what to an image with the default rules: role × the caller's relation to the image × visibility ×
/// operation, through the use cases. The expected outcomes are the reference Glance's (Zed with the new defaults
/// enforced), cell for cell; AuthorizationMatrixDifferentialTests in the integration tests replays a sample of them
/// against the reference itself.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>The operations, in the order of the columns below.</summary>
    public static readonly string[] Operations =
        ["show", "list", "download", "patch", "delete", "upload", "add_member", "member_status", "add_tag", "deactivate", "publicize"];

    // Roles as Keystone hands them out (implied roles included): admin implies member implies reader.
    // Ownership: own = the owning project; other = a project the image is not shared with; accepted / pending = a
    // project the image was shared with (while shared; for other visibilities the membership is left over).
    // Outcomes: ok = allowed (the status the operation answers on success), in / out = listed or not by a default
    // GET /v2/images, 403, 404. member_status changes the caller's own membership, or, for own and other, that of
    // another member project. upload goes to a queued image, everything else to an active one.
    public static readonly string[][] Matrix =
    [
        //  role      ownership   visibility   show list dl  patch del upld addm stat tag deac publ
        ["admin", "own", "public", "ok  in  ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["admin", "own", "community", "ok  in  ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["admin", "own", "shared", "ok  in  ok  ok  ok  ok  ok  ok  ok  ok  ok "],
        ["admin", "own", "private", "ok  in  ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["admin", "other", "public", "ok  in  ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["admin", "other", "community", "ok  out ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["admin", "other", "shared", "ok  in  ok  ok  ok  ok  ok  ok  ok  ok  ok "],
        ["admin", "other", "private", "ok  in  ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["admin", "accepted", "public", "ok  in  ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["admin", "accepted", "community", "ok  out ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["admin", "accepted", "shared", "ok  in  ok  ok  ok  ok  ok  ok  ok  ok  ok "],
        ["admin", "accepted", "private", "ok  in  ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["admin", "pending", "public", "ok  in  ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["admin", "pending", "community", "ok  out ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["admin", "pending", "shared", "ok  in  ok  ok  ok  ok  ok  ok  ok  ok  ok "],
        ["admin", "pending", "private", "ok  in  ok  ok  ok  ok  403 403 ok  ok  ok "],
        ["member", "own", "public", "ok  in  ok  ok  ok  ok  403 403 ok  ok  403"],
        ["member", "own", "community", "ok  in  ok  ok  ok  ok  403 403 ok  ok  403"],
        ["member", "own", "shared", "ok  in  ok  ok  ok  ok  ok  403 ok  ok  403"],
        ["member", "own", "private", "ok  in  ok  ok  ok  ok  403 403 ok  ok  403"],
        ["member", "other", "public", "ok  in  ok  403 403 403 403 403 403 403 403"],
        ["member", "other", "community", "ok  out ok  403 403 403 403 403 403 403 403"],
        ["member", "other", "shared", "404 out 404 404 404 404 404 404 404 404 404"],
        ["member", "other", "private", "404 out 404 404 404 404 404 404 404 404 404"],
        ["member", "accepted", "public", "ok  in  ok  403 403 403 403 403 403 403 403"],
        ["member", "accepted", "community", "ok  out ok  403 403 403 403 403 403 403 403"],
        ["member", "accepted", "shared", "ok  in  ok  403 403 403 403 ok  403 403 403"],
        ["member", "accepted", "private", "404 out 404 404 404 404 404 404 404 404 404"],
        ["member", "pending", "public", "ok  in  ok  403 403 403 403 403 403 403 403"],
        ["member", "pending", "community", "ok  out ok  403 403 403 403 403 403 403 403"],
        ["member", "pending", "shared", "ok  out ok  403 403 403 403 ok  403 403 403"],
        ["member", "pending", "private", "404 out 404 404 404 404 404 404 404 404 404"],
        ["reader", "own", "public", "ok  in  403 403 403 403 403 403 403 403 403"],
        ["reader", "own", "community", "ok  in  403 403 403 403 403 403 403 403 403"],
        ["reader", "own", "shared", "ok  in  403 403 403 403 403 403 403 403 403"],
        ["reader", "own", "private", "ok  in  403 403 403 403 403 403 403 403 403"],
        ["reader", "other", "public", "ok  in  403 403 403 403 403 403 403 403 403"],
        ["reader", "other", "community", "ok  out 403 403 403 403 403 403 403 403 403"],
        ["reader", "other", "shared", "404 out 404 404 404 404 404 404 404 404 404"],
        ["reader", "other", "private", "404 out 404 404 404 404 404 404 404 404 404"],
        ["reader", "accepted", "public", "ok  in  403 403 403 403 403 403 403 403 403"],
        ["reader", "accepted", "community", "ok  out 403 403 403 403 403 403 403 403 403"],
        ["reader", "accepted", "shared", "ok  in  403 403 403 403 403 403 403 403 403"],
        ["reader", "accepted", "private", "404 out 404 404 404 404 404 404 404 404 404"],
        ["reader", "pending", "public", "ok  in  403 403 403 403 403 403 403 403 403"],
        ["reader", "pending", "community", "ok  out 403 403 403 403 403 403 403 403 403"],
        ["reader", "pending", "shared", "ok  out 403 403 403 403 403 403 403 403 403"],
        ["reader", "pending", "private", "404 out 404 404 404 404 404 404 404 404 404"],
        // A caller with only the service role passes no image rule: hidden where get_image decides, 403 where a
        // check comes first that does not hide (only shared images have members; publicize_image).
        ["service", "own", "public", "404 403 404 404 404 404 403 403 404 404 403"],
        ["service", "own", "community", "404 403 404 404 404 404 403 403 404 404 403"],
        ["service", "own", "shared", "404 403 404 404 404 404 404 404 404 404 403"],
        ["service", "own", "private", "404 403 404 404 404 404 403 403 404 404 403"],
        ["service", "other", "public", "404 403 404 404 404 404 403 403 404 404 403"],
        ["service", "other", "community", "404 403 404 404 404 404 403 403 404 404 403"],
        ["service", "other", "shared", "404 403 404 404 404 404 404 404 404 404 404"],
        ["service", "other", "private", "404 403 404 404 404 404 404 404 404 404 404"],
        ["service", "accepted", "public", "404 403 404 404 404 404 403 403 404 404 403"],
        ["service", "accepted", "community", "404 403 404 404 404 404 403 403 404 404 403"],
        ["service", "accepted", "shared", "404 403 404 404 404 404 404 404 404 404 403"],
        ["service", "accepted", "private", "404 403 404 404 404 404 404 404 404 404 404"],
        ["service", "pending", "public", "404 403 404 404 404 404 403 403 404 404 403"],
        ["service", "pending", "community", "404 403 404 404 404 404 403 403 404 404 403"],
        ["service", "pending", "shared", "404 403 404 404 404 404 404 404 404 404 403"],
        ["service", "pending", "private", "404 403 404 404 404 404 404 404 404 404 404"],
    ];

    private const string Owner = "po";
    private const string OtherMember = "pmx";

    public static TheoryData<string, string, string, string, string> Cells()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var cell in AllCells())
        {
            data.Add(cell.Role, cell.Ownership, cell.Visibility, cell.Operation, cell.Expected);
        }
        return data;
    }

    public static IEnumerable<(string Role, string Ownership, string Visibility, string Operation, string Expected)> AllCells()
    {
        foreach (var row in Matrix)
        {
            var outcomes = row[3].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Operations.Length, outcomes.Length);
            for (var i = 0; i < Operations.Length; i++)
            {
                yield return (row[0], row[1], row[2], Operations[i], outcomes[i]);
            }
        }
    }

    public static Caller CallerFor(string role, string ownership) => new(
        ProjectFor(ownership), "u-" + role,
        role switch
        {
            "admin" => new HashSet<string> { "admin", "member", "reader" },
            "member" => new HashSet<string> { "member", "reader" },
            "reader" => new HashSet<string> { "reader" },
            "service" => new HashSet<string> { "service" },
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
        });

    private static string ProjectFor(string ownership) => ownership switch
    {
        "own" => Owner,
        "other" => "px",
        "accepted" => "pa",
        "pending" => "pp",
        _ => throw new ArgumentOutOfRangeException(nameof(ownership), ownership, null),
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Operation_ByRoleOwnershipAndVisibility_IsAllowedOrRefusedAsGlanceDoes(
        string role, string ownership, string visibility, string operation, string expected)
    {
        var world = new World(ownership, visibility, queued: operation == "upload");
        var caller = CallerFor(role, ownership);

        var outcome = await world.RunAsync(caller, ownership, operation);

        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void Matrix_CoversEveryRoleOwnershipAndVisibility()
    {
        var rows = Matrix.Select(r => (r[0], r[1], r[2])).ToHashSet();

        Assert.Equal(4 * 4 * 4, rows.Count);
        Assert.Equal(Matrix.Length, rows.Count);
    }

    /// <summary>One image owned by <see cref="Owner"/>, its members, and the use cases over mocks of our ports.</summary>
    private sealed class World
    {
        private readonly Image _image;
        private readonly List<ImageMember> _members = [];
        private readonly ImageService _images;
        private readonly ImageDataService _data;
        private readonly ImageMemberService _memberService;

        public World(string ownership, string visibility, bool queued)
        {
            var image = new Image(Guid.NewGuid().ToString(), TestImages.Now)
            {
                Owner = Owner, Visibility = visibility, DiskFormat = "raw", ContainerFormat = "bare",
            };
            _image = queued
                ? image
                : Image.Restore(image.ToSnapshot() with { Status = ImageStatus.Active, Size = 10, Checksum = "c", OsHashAlgo = "sha512", OsHashValue = "h" });
            _members.Add(new ImageMember(_image.Id, OtherMember, ImageMember.Pending, TestImages.Now, TestImages.Now));
            if (ownership is "accepted" or "pending")
            {
                _members.Add(new ImageMember(_image.Id, ProjectFor(ownership), ownership, TestImages.Now, TestImages.Now));
            }

            var repository = new Mock<IImageRepository>();
            repository.Holds(_image.Id, () => _image, () => _members.ToList());
            repository.Setup(r => r.ListNewestFirstAsync(
                    It.IsAny<IReadOnlyList<ListingScope>>(), It.IsAny<IReadOnlyList<ImageFieldMatch>>(), It.IsAny<ImageCursor?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
                .Returns((IReadOnlyList<ListingScope> scopes, IReadOnlyList<ImageFieldMatch> _, ImageCursor? _, int _, CancellationToken _) => InScopes(scopes));
            var members = new Mock<IImageMemberRepository>();
            var store = new Mock<IImageDataStore>();
            store.Setup(s => s.WriteAsync(_image.Id, It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
                .Returns((string _, string _, Stream content, CancellationToken token) => content.CopyToAsync(Stream.Null, token));

            var policy = ImagePolicy.Default;
            var access = new ImageAccess(repository.Object, policy);
            var dataOptions = new ImageDataOptions();
            var tasks = new Mock<IImageTaskRepository>();
            var (recorder, flow) = TestImages.DataFlow(repository.Object, store.Object, tasks.Object, options: dataOptions);
            _images = new ImageService(repository.Object, access, policy, store.Object, Mock.Of<IDataUrlIssuer>(), new ImageServiceOptions(), TestImages.Unlimited(), TestImages.Updater(repository.Object), TimeProvider.System);
            _data = new ImageDataService(access, policy, repository.Object, store.Object, Mock.Of<IDataUrlIssuer>(), tasks.Object, recorder, flow, TestImages.Unlimited(), dataOptions, TimeProvider.System);
            _memberService = new ImageMemberService(access, members.Object, policy, Mock.Of<IDataUrlIssuer>(), new ImageMemberOptions(), TestImages.Updater(repository.Object), TimeProvider.System);
        }

        public async Task<string> RunAsync(Caller caller, string ownership, string operation)
        {
            var id = _image.Id;
            try
            {
                switch (operation)
                {
                    case "show":
                        await _images.GetAsync(caller, id);
                        break;
                    case "list":
                        var page = await _images.ListAsync(caller, TestImages.Query());
                        return page.Images.Any(i => i.Id == id) ? "in" : "out";
                    case "download":
                        await _data.GetDownloadableAsync(caller, id);
                        break;
                    case "patch":
                        await _images.UpdateAsync(caller, id, Patch("""[{"op":"replace","path":"/name","value":"x"}]"""), PatchMediaVersion.V21);
                        break;
                    case "delete":
                        await _images.DeleteAsync(caller, id);
                        break;
                    case "upload":
                        await _data.UploadAsync(caller, id, new MemoryStream("0123456789"u8.ToArray()), null);
                        break;
                    case "add_member":
                        await _memberService.AddAsync(caller, id, "pnew");
                        break;
                    case "member_status":
                        var target = ownership is "accepted" or "pending" ? caller.ProjectId! : OtherMember;
                        await _memberService.UpdateStatusAsync(caller, id, target, "accepted");
                        break;
                    case "add_tag":
                        await _images.AddTagAsync(caller, id, "t");
                        break;
                    case "deactivate":
                        await _images.DeactivateAsync(caller, id);
                        break;
                    case "publicize":
                        await _images.UpdateAsync(caller, id, Patch("""[{"op":"replace","path":"/visibility","value":"public"}]"""), PatchMediaVersion.V21);
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
                }
                return "ok";
            }
            catch (GlanceException e) when (e.Kind is GlanceErrorKind.NotAllowed or GlanceErrorKind.NotFound)
            {
                return e.Kind == GlanceErrorKind.NotAllowed ? "403" : "404";
            }
        }

        private static IReadOnlyList<PatchOperation> Patch(string json) =>
            TestImages.Patch(json);

        /// <summary>As the listing index answers: the image if it is in one of the scopes read, with the membership that put it there.</summary>
        private async IAsyncEnumerable<ListedImage> InScopes(IReadOnlyList<ListingScope> scopes)
        {
            await Task.Yield();
            var matches = ListingScope.Of(_image, _members).Where(s => scopes.Contains(s.Scope)).ToList();
            if (matches.Count > 0)
            {
                yield return new ListedImage(_image, matches.Select(m => m.Member).FirstOrDefault(m => m is not null));
            }
        }
    }
}
