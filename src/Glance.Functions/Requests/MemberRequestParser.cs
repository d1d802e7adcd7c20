using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Functions.Http;

namespace Glance.Functions.Requests;

/// <summary>The bodies of the member routes: <c>{"member": ...}</c> to add one, <c>{"status": ...}</c> to change one.</summary>
public static class MemberRequestParser
{
    public static string MemberId(JsonElement body) =>
        StringMember(body, "member") ?? throw GlanceErrors.MemberNotSpecified();

    public static string Status(JsonElement body) =>
        StringMember(body, "status") ?? throw HttpErrors.StatusNotSpecified();

    private static string? StringMember(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
