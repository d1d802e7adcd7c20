using Glance.Domain.Images;

namespace Glance.Domain.Listing;

/// <summary>
/// Collects the conditions of a list request, each as Zed's database layer applies it on sqlite (its reference
/// database), and the exact-match part a repository may narrow its reads with; <see cref="Build"/> makes the filter.
/// </summary>
public sealed class ImageFilterBuilder
{
    private readonly List<Func<Image, bool>> _conditions = [];
    private readonly List<ImageFieldMatch> _narrowing = [];
    private string? _family;
    private readonly List<IReadOnlyList<string>> _statuses = [];

    /// <summary>null: the caller's default listing; <c>all</c>, or a visibility (empty: one no image has).</summary>
    public string? Visibility { get; set; }

    public bool OsHidden { get; set; }

    /// <summary>Which shared images of others to list: pending, accepted (default), rejected or all.</summary>
    public string MemberStatus { get; set; } = "accepted";

    public ImageFilterBuilder Protected(bool wanted)
    {
        _conditions.Add(i => i.Protected == wanted);
        _narrowing.Add(new("protected", [wanted ? "true" : "false"]));
        return this;
    }

    public ImageFilterBuilder Tag(string tag)
    {
        _conditions.Add(i => i.Tags.Contains(tag, StringComparer.Ordinal));
        return this;
    }

    /// <summary>A column of <see cref="ImageFilterFields.WithOperators"/> or <see cref="ImageFilterFields.Text"/> equal to one of the values.</summary>
    public ImageFilterBuilder OneOf(string field, IReadOnlyList<string> values)
    {
        var column = ImageFilterFields.TextColumn(field);
        _conditions.Add(i => column(i) is { } v && values.Contains(v));
        _narrowing.Add(new(field, values));
        if (field == "status")
        {
            _statuses.Add(values);
        }
        return this;
    }

    /// <summary>A numeric column equal to the number <paramref name="text"/> reads as, the way sqlite compares them.</summary>
    public ImageFilterBuilder NumberEquals(string field, string text)
    {
        var column = ImageFilterFields.NumericColumn(field);
        _conditions.Add(i => NumericFilterValue.SqliteEquals(column(i), text));
        return this;
    }

    public ImageFilterBuilder AtLeast(string field, long bound)
    {
        var column = ImageFilterFields.NumericColumn(field);
        _conditions.Add(i => column(i) is { } v && v >= bound);
        return this;
    }

    public ImageFilterBuilder AtMost(string field, long bound)
    {
        var column = ImageFilterFields.NumericColumn(field);
        _conditions.Add(i => column(i) is { } v && v <= bound);
        return this;
    }

    /// <summary>A time column against <paramref name="when"/> (UTC), at the microsecond Glance stores (it shows whole seconds).</summary>
    public ImageFilterBuilder Time(string field, TimeComparison comparison, DateTime when)
    {
        var column = ImageFilterFields.TimeColumn(field);
        Func<Image, DateTime> stored = i => ToMicroseconds(column(i));
        _conditions.Add(comparison switch
        {
            TimeComparison.Equal => i => stored(i) == when,
            TimeComparison.NotEqual => i => stored(i) != when,
            TimeComparison.After => i => stored(i) > when,
            TimeComparison.AtOrAfter => i => stored(i) >= when,
            TimeComparison.Before => i => stored(i) < when,
            TimeComparison.AtOrBefore => i => stored(i) <= when,
            _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
        });
        return this;
    }

    /// <summary>Any other key: an extra property with exactly this value.</summary>
    public ImageFilterBuilder Property(string key, string value)
    {
        _conditions.Add(i => i.ExtraProperties.TryGetValue(key, out var v) && v == value);
        if (key == ImageFamilies.Property && value.Length > 0)
        {
            _family ??= value;
        }
        return this;
    }

    public ImageFilter Build()
    {
        // Every condition adds at most one narrowing; os_hidden and member status are narrowings of their own.
        var narrowing = new List<ImageFieldMatch>(_narrowing) { new("os_hidden", [OsHidden ? "true" : "false"]) };
        if (MemberStatus != "all")
        {
            // Applies to the membership that lists a shared image, not to the image.
            narrowing.Add(new("member_status", [MemberStatus]));
        }
        return new ImageFilter
        {
            Visibility = Visibility, OsHidden = OsHidden, MemberStatus = MemberStatus, Conditions = [.. _conditions], Narrowing = narrowing,
            IsNarrowedCompletely = _narrowing.Count == _conditions.Count,
            Family = _family,
            ListsDeleted = _statuses.Count > 0 && _statuses.All(values => values.Count > 0 && values.All(v => v == ImageStatus.Deleted.ToWire())),
        };
    }

    private static DateTime ToMicroseconds(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % 10, DateTimeKind.Utc);
}
