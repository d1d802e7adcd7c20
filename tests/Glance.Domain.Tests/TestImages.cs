using Glance.Domain.Application;
using System.Text.Json;
using Glance.Domain.Data;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Patching;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;
using Moq;

namespace Glance.Domain.Tests;

internal static class TestImages
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static Caller Member(string project) => new(project, "u-" + project, new HashSet<string> { "member", "reader" });

    public static Caller Admin { get; } = new("admin-project", "admin", new HashSet<string> { "admin", "member", "reader" });

    public static Image Owned(string owner, string visibility = ImageVisibility.Shared) =>
        new(Guid.NewGuid().ToString(), Now) { Owner = owner, Visibility = visibility };

    /// <summary>Glance's default: no project limits. Strict, so a use case that reads usage anyway fails the test.</summary>
    public static ImageUpdater Updater(IImageRepository images) => new(images, new ImageServiceOptions(), TimeProvider.System);

    /// <summary>The task recorder and the data flow over mocked ports, as the app wires them.</summary>
    public static (ImageTaskRecorder Recorder, ImageDataFlow Flow) DataFlow(
        IImageRepository images, IImageDataStore data, IImageTaskRepository tasks, ProjectQuotas? quotas = null, ImageDataOptions? options = null,
        TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var recorder = new ImageTaskRecorder(tasks, images, clock);
        var updater = new ImageUpdater(images, new ImageServiceOptions(), clock);
        return (recorder, new ImageDataFlow(images, data, recorder, updater, quotas ?? Unlimited(), options ?? new ImageDataOptions(), clock));
    }

    public static ProjectQuotas Unlimited() => new(new Mock<IProjectUsage>(MockBehavior.Strict).Object, new ProjectQuotaOptions());

    /// <summary>A list query as the HTTP side hands it over: Glance's default limit and order, no filter unless given.</summary>
    public static ImageListQuery Query(int limit = 25, string? marker = null, IReadOnlyList<SortKey>? sort = null, ImageFilter? filter = null) =>
        new(limit, marker, sort ?? ImageListQuery.NewestFirst, filter ?? new ImageFilterBuilder().Build());

    /// <summary>A create command written as the JSON object a client would send.</summary>
    public static CreateImage Create(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new CreateImage(document.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Value(p.Value))).ToList());
    }

    /// <summary>
    /// Patch operations written as a JSON-patch document in either dialect (<c>{"op": "add", "path": "/k", ...}</c>
    /// or <c>{"add": "/k", ...}</c>). Only well-formed documents: parsing Glance's way is the HTTP side's, tested there.
    /// </summary>
    public static IReadOnlyList<PatchOperation> Patch(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(change =>
        {
            var (op, path) = change.TryGetProperty("op", out var name)
                ? (name.GetString()!, change.GetProperty("path").GetString()!)
                : new[] { "add", "remove", "replace" }.Where(n => change.TryGetProperty(n, out _)).Select(n => (n, change.GetProperty(n).GetString()!)).Single();
            var property = path[1..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            return new PatchOperation(Enum.Parse<PatchOp>(op, ignoreCase: true), property,
                change.TryGetProperty("value", out var value) ? Value(value) : null);
        }).ToList();
    }

    /// <summary>A JSON value as the HTTP side hands it to the domain.</summary>
    public static AttributeValue Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => AttributeValue.Null,
        JsonValueKind.True => AttributeValue.True,
        JsonValueKind.False => AttributeValue.False,
        JsonValueKind.String => AttributeValue.String(value.GetString()!),
        JsonValueKind.Number => AttributeValue.Number(value.GetRawText(), value.TryGetInt64(out var number) ? number : null),
        JsonValueKind.Array => AttributeValue.Array(value.GetRawText(), value.EnumerateArray().Select(Value).ToList()),
        _ => AttributeValue.Object(value.GetRawText()),
    };
}
