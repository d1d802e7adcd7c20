using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Glance.Domain.Listing;

namespace Glance.Storage.Tables;

/// <summary>
/// Where the listing copies live. Partitions: <c>all</c>, <c>public</c>, <c>community</c>, and one per project holding
/// both the images it owns and those shared with it, so that a project's default list reads two partitions, not
/// three; the same within a family (<c>family:…|</c>), and <c>retained|all</c> and <c>retained|project:…</c> for
/// deleted images that may still be restored. Row keys: inverted creation ticks, the image id, and <c>_o</c> (owner) or
/// <c>_m</c> (member) in project partitions, so that an ascending range read returns the newest image first (Glance's
/// default order).
/// </summary>
internal static class ListingKeys
{
    public const string ProjectPrefix = "project:";
    public const string OwnerRelation = "owner";
    public const string MemberRelation = "member";

    /// <summary>Before a family scope's name and partition: <c>family:{family}|</c>, then the scope's own.</summary>
    public const string FamilyPrefix = "family:";

    /// <summary>Before a retained scope's name and partition (deleted images that may be restored), then the scope's own.</summary>
    public const string RetainedPrefix = "retained|";

    /// <summary>A scope as the pending marker names it.</summary>
    public static string Name(ListingScope scope) => InFamily(scope, Retained(scope, scope.Kind switch
    {
        ListingScopeKind.All => "all",
        ListingScopeKind.Public => "public",
        ListingScopeKind.Community => "community",
        ListingScopeKind.Owner => "owner:" + Escape(scope.Project),
        ListingScopeKind.Member => "member:" + Escape(scope.Project),
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    }));

    public static ListingScope Parse(string name)
    {
        if (name.StartsWith(FamilyPrefix, StringComparison.Ordinal) && name.IndexOf('|') is > 0 and var bar)
        {
            return ParseBase(name[(bar + 1)..]).InFamily(Uri.UnescapeDataString(name[FamilyPrefix.Length..bar]));
        }
        if (name.StartsWith(RetainedPrefix, StringComparison.Ordinal))
        {
            return ParseBase(name[RetainedPrefix.Length..]) with { IsRetained = true };
        }
        return ParseBase(name);
    }

    private static ListingScope ParseBase(string name) => name switch
    {
        "all" => ListingScope.Everything,
        "public" => ListingScope.Public,
        "community" => ListingScope.Community,
        _ when name.StartsWith("owner:", StringComparison.Ordinal) => ListingScope.OwnedBy(Unescape(name["owner:".Length..])),
        _ when name.StartsWith("member:", StringComparison.Ordinal) => ListingScope.SharedWith(Unescape(name["member:".Length..])!),
        _ => throw new InvalidDataException($"Unknown listing scope '{name}'."),
    };

    public static string Partition(ListingScope scope) => scope.Kind switch
    {
        ListingScopeKind.Owner or ListingScopeKind.Member => InFamily(scope, Retained(scope, ProjectPrefix + Escape(scope.Project))),
        _ => Name(scope),
    };

    // Escaped like project ids: a family is free text too, and '|' ends it.
    private static string InFamily(ListingScope scope, string name) =>
        scope.Family is null ? name : FamilyPrefix + Uri.EscapeDataString(scope.Family) + "|" + name;

    // Partitions of their own: a project's usage and every list of live images read "project:<p>", "all" ... never these.
    private static string Retained(ListingScope scope, string name) => scope.IsRetained ? RetainedPrefix + name : name;

    /// <summary>Owner or member, in a project partition; null elsewhere.</summary>
    public static string? Relation(ListingScope scope) => scope.Kind switch
    {
        ListingScopeKind.Owner => OwnerRelation,
        ListingScopeKind.Member => MemberRelation,
        _ => null,
    };

    public static string Row(ListingScope scope, DateTimeOffset createdAt, string imageId) => Relation(scope) switch
    {
        OwnerRelation => ImageKey(createdAt, imageId) + "_o",
        MemberRelation => ImageKey(createdAt, imageId) + "_m",
        _ => ImageKey(createdAt, imageId),
    };

    /// <summary>Past every row of the cursor's image, whatever its suffix ('~' sorts after '_', 'm' and 'o').</summary>
    public static string After(ImageCursor cursor) => ImageKey(cursor.CreatedAt, cursor.ImageId) + "_~";

    public static string ImageId(string rowKey) => rowKey.Split('_')[1];

    /// <summary>A column name for a scope in the pending marker: scope names are not valid column names.</summary>
    public static string MarkerColumn(string name) => "S_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0, 16);

    private static string ImageKey(DateTimeOffset createdAt, string imageId) =>
        (DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + imageId;

    // Project ids are free text; escaping keeps '/', '\\', '#', '?' and control characters (not allowed in keys) out.
    // A null owner (an image created without a project) is its own project: the empty name.
    private static string Escape(string? project) => Uri.EscapeDataString(project ?? "");

    private static string? Unescape(string escaped) => escaped.Length == 0 ? null : Uri.UnescapeDataString(escaped);
}
