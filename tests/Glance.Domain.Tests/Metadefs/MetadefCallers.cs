using Glance.Domain.Identity;
using Glance.Domain.Metadefs;

namespace Glance.Domain.Tests.Metadefs;

/// <summary>Callers and namespaces as the metadef tests need them; roles as Keystone implies them (admin ⊃ member ⊃ reader).</summary>
internal static class MetadefCallers
{
    public static Caller Admin(string? project = "admins") => With(project, "admin", "member", "reader");

    public static Caller Member(string? project) => With(project, "member", "reader");

    public static Caller Reader(string? project) => With(project, "reader");

    public static Caller With(string? project, params string[] roles) =>
        new(project, "u-" + project, new HashSet<string>(roles, StringComparer.Ordinal));

    public static MetadefNamespace Namespace(string name, string? owner, string visibility = NamespaceVisibility.Private, bool isProtected = false) =>
        new(Guid.NewGuid().ToString("N"), name, null, null, visibility, isProtected, owner, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public static NamespaceDetail Detail(MetadefNamespace ns, string version = "v1") => new(ns, version, [], [], [], []);
}
