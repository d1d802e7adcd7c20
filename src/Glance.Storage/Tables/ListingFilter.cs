using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Glance.Domain.Listing;

namespace Glance.Storage.Tables;

/// <summary>
/// The OData filter of one scope's range read: the range, plus the exact-match filters the copies' columns can answer,
/// so that the table service returns only matches (it still reads the rows it skips, but they do not travel).
/// </summary>
internal static class ListingFilter
{
    // Table Storage allows 15 comparisons in a filter; two go to the partition and the row range.
    private const int MaxComparisons = 15;

    private static readonly IReadOnlyDictionary<string, string> StringColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "Name",
        ["status"] = "Status",
        ["container_format"] = "ContainerFormat",
        ["disk_format"] = "DiskFormat",
        ["owner"] = "Owner",
        ["checksum"] = "Checksum",
        ["os_hash_value"] = "OsHashValue",
        ["os_hash_algo"] = "OsHashAlgo",
    };

    private static readonly IReadOnlyDictionary<string, string> BooleanColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["protected"] = "Protected",
        ["os_hidden"] = "OsHidden",
    };

    /// <param name="scopes">The scopes read from <paramref name="partition"/>: a project partition holds two.</param>
    public static string For(string partition, IReadOnlyList<ListingScope> scopes, ImageCursor? after, IReadOnlyList<ImageFieldMatch> narrowing)
    {
        var terms = new List<string>
        {
            after is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {ListingKeys.After(after)}"),
        };
        var comparisons = after is null ? 1 : 2;
        if (RelationTerm(scopes, narrowing) is { } relation)
        {
            terms.Add(relation.Term);
            comparisons += relation.Comparisons;
        }
        foreach (var match in narrowing)
        {
            if (Term(match) is { } term && comparisons + match.Values.Count <= MaxComparisons)
            {
                terms.Add(term);
                comparisons += match.Values.Count;
            }
        }
        return string.Join(" and ", terms);
    }

    /// <summary>
    /// In a project partition: the owner's rows, the member rows (with the member_status asked for), or both. Other
    /// partitions have no member rows, so member_status does not apply to them.
    /// </summary>
    private static (string Term, int Comparisons)? RelationTerm(IReadOnlyList<ListingScope> scopes, IReadOnlyList<ImageFieldMatch> narrowing)
    {
        var owner = scopes.Any(s => s.Kind == ListingScopeKind.Owner);
        var member = scopes.Any(s => s.Kind == ListingScopeKind.Member);
        var status = narrowing.FirstOrDefault(m => m.Field == "member_status" && m.Values.Count == 1)?.Values[0];
        var memberTerm = status is null
            ? TableClient.CreateQueryFilter($"Relation eq {ListingKeys.MemberRelation}")
            : TableClient.CreateQueryFilter($"MemberStatus eq {status}");
        return (owner, member) switch
        {
            (true, false) => (TableClient.CreateQueryFilter($"Relation eq {ListingKeys.OwnerRelation}"), 1),
            (false, true) => (memberTerm, 1),
            (true, true) when status is not null => ($"(Relation eq '{ListingKeys.OwnerRelation}' or {memberTerm})", 2),
            _ => null,
        };
    }

    private static string? Term(ImageFieldMatch match)
    {
        if (match.Values.Count == 0)
        {
            return null;
        }
        if (BooleanColumns.TryGetValue(match.Field, out var boolean) && match.Values.Count == 1 && bool.TryParse(match.Values[0], out var value))
        {
            return TableClient.CreateQueryFilter(FormattableStringFactory.Create(boolean + " eq {0}", value));
        }
        var column = StringColumns.GetValueOrDefault(match.Field);
        if (column is null)
        {
            return null;
        }
        var alternatives = match.Values.Select(v => TableClient.CreateQueryFilter(FormattableStringFactory.Create(column + " eq {0}", v)));
        return "(" + string.Join(" or ", alternatives) + ")";
    }
}
