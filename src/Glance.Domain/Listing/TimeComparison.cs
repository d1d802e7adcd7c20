namespace Glance.Domain.Listing;

/// <summary>The operators of a time filter (<c>created_at=gt:...</c>).</summary>
public enum TimeComparison
{
    Equal,
    NotEqual,
    After,
    AtOrAfter,
    Before,
    AtOrBefore,
}
