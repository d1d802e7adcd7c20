using System.Globalization;

namespace Glance.Functions.Representation;

/// <summary>Glance shows timestamps as ISO 8601 in UTC to the second, with a Z (oslo isotime).</summary>
public static class GlanceTime
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
