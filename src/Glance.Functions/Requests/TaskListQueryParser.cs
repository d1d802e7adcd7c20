using Glance.Domain;
using Glance.Domain.Tasks;
using Glance.Functions.Http;

namespace Glance.Functions.Requests;

/// <summary>
/// GET /v2/tasks's query as Glance's deserializer reads it, in its order: sort direction, status and type filters,
/// marker format, limit, then the sort key (which Glance's database refuses last). Other parameters are ignored.
/// </summary>
public static class TaskListQueryParser
{
    private static readonly string[] Statuses = [ImageTask.Pending, ImageTask.Processing, ImageTask.Success, ImageTask.Failure];

    // Glance's deserializer accepts only the legacy type here, although api_image_import tasks are listed.
    private const string FilterableType = "import";

    public static TaskListQuery Parse(IReadOnlyList<KeyValuePair<string, string>> query, ImageServiceOptions options)
    {
        var direction = Last(query, "sort_dir") ?? "desc";
        if (direction is not ("asc" or "desc"))
        {
            throw HttpErrors.InvalidSortDirection(direction);
        }
        var status = NonEmpty(Last(query, "status"));
        if (status is not null && !Statuses.Contains(status))
        {
            throw HttpErrors.TaskStatusFilterInvalid(status);
        }
        var type = NonEmpty(Last(query, "type"));
        if (type is not null && type != FilterableType)
        {
            throw HttpErrors.TaskTypeFilterInvalid(type);
        }
        var marker = NonEmpty(Last(query, "marker"));
        if (marker is not null && !Guid.TryParse(marker, out _))
        {
            throw HttpErrors.TaskMarkerFormatInvalid();
        }
        var limit = Last(query, "limit") is { } limitText ? QueryLimit.Parse(limitText) : options.LimitParamDefault;
        var sortKey = SortKey(Last(query, "sort_key") ?? "created_at") ?? throw HttpErrors.TaskSortKeyInvalid();
        return new TaskListQuery((int)Math.Min(limit, options.ApiLimitMax), marker, sortKey, direction == "asc", status, type);
    }

    /// <summary>The request's parameters but the marker, as the page links carry them (one value per name, as Python's dict keeps the last).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> WithoutMarker(IReadOnlyList<KeyValuePair<string, string>> query) =>
        query.Where(p => p.Key != "marker")
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => g.Last())
            .ToList();

    private static TaskSortKey? SortKey(string name) => name switch
    {
        "created_at" => TaskSortKey.CreatedAt,
        "updated_at" => TaskSortKey.UpdatedAt,
        "expires_at" => TaskSortKey.ExpiresAt,
        "id" => TaskSortKey.Id,
        "type" => TaskSortKey.Type,
        "status" => TaskSortKey.Status,
        "owner" => TaskSortKey.Owner,
        "image_id" => TaskSortKey.ImageId,
        "request_id" => TaskSortKey.RequestId,
        "user_id" => TaskSortKey.UserId,
        "deleted" => TaskSortKey.Deleted,
        _ => null,
    };

    private static string? Last(IReadOnlyList<KeyValuePair<string, string>> query, string name) =>
        query.LastOrDefault(p => p.Key == name) is { Key: not null } pair ? pair.Value : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
