using System.Text.Json;
using Glance.Functions.Representation;

namespace Glance.Functions.Metadefs;

/// <summary>
/// What glance-manage db_load_metadefs inserts has no updated_at, and Glance then leaves the attribute out; a default
/// time stands for that here.
/// </summary>
internal static class MetadefTimes
{
    public static void WriteUpdated(Utf8JsonWriter writer, DateTimeOffset updatedAt)
    {
        if (updatedAt != default)
        {
            writer.WriteString("updated_at", GlanceTime.Format(updatedAt));
        }
    }
}
