using System.Text.Json;
using Glance.Domain.Members;

namespace Glance.Functions.Representation;

/// <summary>A member as Glance shows it (image_members.py ResponseSerializer).</summary>
public static class MemberRepresentation
{
    public static void Write(Utf8JsonWriter writer, ImageMember member)
    {
        writer.WriteStartObject();
        writer.WriteString("created_at", GlanceTime.Format(member.CreatedAt));
        writer.WriteString("image_id", member.ImageId);
        writer.WriteString("member_id", member.MemberId);
        writer.WriteString("schema", "/v2/schemas/member");
        writer.WriteString("status", member.Status);
        writer.WriteString("updated_at", GlanceTime.Format(member.UpdatedAt));
        writer.WriteEndObject();
    }

    public static void WriteList(Utf8JsonWriter writer, IReadOnlyList<ImageMember> members)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("members");
        foreach (var member in members)
        {
            Write(writer, member);
        }
        writer.WriteEndArray();
        writer.WriteString("schema", "/v2/schemas/members");
        writer.WriteEndObject();
    }
}
