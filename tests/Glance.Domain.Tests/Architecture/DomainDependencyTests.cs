using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;
using Glance.Domain.Images;

namespace Glance.Domain.Tests.Architecture;

/// <summary>
/// Glance.Domain speaks the domain: read as metadata (what the compiler emitted, so nothing hides behind var, a
/// lambda or a private member), the assembly references no JSON library, no HTTP stack or status code, no Azure or
/// Functions type, and holds no media type. Requests and responses are the Functions side's; stored and published
/// formats are Glance.Storage's.
/// </summary>
public sealed partial class DomainDependencyTests
{
    /// <summary>Namespaces whose types the domain may not name (a prefix matches the namespace and those below it).</summary>
    private static readonly string[] ForbiddenNamespaces =
    [
        "System.Text.Json", "System.Net.Http", "System.Net.Mime", "Microsoft.AspNetCore", "Microsoft.Net.Http", "Microsoft.Azure", "Azure",
    ];

    private static readonly string[] ForbiddenTypes = ["System.Net.HttpStatusCode"];

    private static readonly string[] ForbiddenAssemblies =
    [
        "System.Text.Json", "System.Net.Http", "System.Net.Http.Json", "Microsoft.AspNetCore", "Microsoft.Azure.Functions.Worker", "Azure.Core",
    ];

    private static readonly Lazy<DomainMetadata> Domain = new(() => DomainMetadata.Read(typeof(Image).Assembly.Location));

    [Fact]
    public void Domain_ReferencesNoJsonHttpOrAzureAssembly()
    {
        var offending = Domain.Value.AssemblyReferences
            .Where(name => ForbiddenAssemblies.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal)))
            .ToList();

        Assert.True(offending.Count == 0, "Glance.Domain references " + string.Join(", ", offending));
    }

    [Fact]
    public void Domain_NamesNoJsonHttpOrAzureType()
    {
        var offending = Domain.Value.TypeReferences.Where(IsForbidden)
            .Concat(Domain.Value.MemberReferences.Where(m => IsForbidden(m.Type)).Select(m => $"{m.Type}.{m.Member}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offending.Count == 0, "Glance.Domain names " + string.Join(", ", offending));
    }

    [Fact]
    public void Domain_HoldsNoMediaType()
    {
        var offending = Domain.Value.Strings.Where(s => MediaType().IsMatch(s)).ToList();

        Assert.True(offending.Count == 0, "Glance.Domain holds media types in " + string.Join(", ", offending.Select(s => $"\"{s}\"")));
    }

    [Fact]
    public void Metadata_ReadsWhatTheDomainUses()
    {
        // Guards the guard: were the tables read wrongly, the tests above would pass on anything.
        Assert.Contains("System.Text.RegularExpressions.Regex", Domain.Value.TypeReferences);
        Assert.Contains(Domain.Value.MemberReferences, m => m.Type == "System.ArgumentNullException" && m.Member == "ThrowIfNull");
        Assert.Contains("The resource could not be found.", Domain.Value.Strings);
        Assert.Contains("api_image_import", Domain.Value.Strings);
        Assert.Contains("System.Runtime", Domain.Value.AssemblyReferences);
    }

    private static bool IsForbidden(string type) =>
        ForbiddenTypes.Contains(type, StringComparer.Ordinal)
        || ForbiddenNamespaces.Any(ns => type.StartsWith(ns + ".", StringComparison.Ordinal));

    /// <summary>type/subtype as in a Content-Type header (application/json, text/html; charset=...).</summary>
    [GeneratedRegex(@"\b(application|text|multipart|image|audio|video)/[a-z0-9][a-z0-9.+-]*", RegexOptions.IgnoreCase)]
    private static partial Regex MediaType();

    private sealed record MemberName(string Type, string Member);

    /// <summary>The tables of an assembly that say what it uses: referenced assemblies, types and members, and its strings.</summary>
    private sealed record DomainMetadata(
        IReadOnlyList<string> AssemblyReferences, IReadOnlyList<string> TypeReferences, IReadOnlyList<MemberName> MemberReferences,
        IReadOnlyList<string> Strings)
    {
        public static DomainMetadata Read(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var assemblies = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
            var types = reader.TypeReferences.Select(h => FullName(reader, h)).ToList();
            var members = reader.MemberReferences
                .Select(h => reader.GetMemberReference(h))
                .Where(m => m.Parent.Kind == HandleKind.TypeReference)
                .Select(m => new MemberName(FullName(reader, (TypeReferenceHandle)m.Parent), reader.GetString(m.Name)))
                .ToList();
            return new DomainMetadata(assemblies, types, members, [.. UserStrings(reader), .. StringConstants(reader)]);
        }

        /// <summary>Namespace.Name, nested types as Outer+Inner under the outermost type's namespace.</summary>
        private static string FullName(MetadataReader reader, TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            var name = reader.GetString(type.Name);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? FullName(reader, (TypeReferenceHandle)type.ResolutionScope) + "+" + name
                : type.Namespace.IsNil ? name : reader.GetString(type.Namespace) + "." + name;
        }

        /// <summary>Every literal the code loads (ldstr): the #US heap, walked entry by entry.</summary>
        private static IEnumerable<string> UserStrings(MetadataReader reader)
        {
            var handle = MetadataTokens.UserStringHandle(1);
            while (!handle.IsNil)
            {
                yield return reader.GetUserString(handle);
                handle = reader.GetNextHandle(handle);
            }
        }

        /// <summary>Values of string constants (const fields, default parameter values), which live in blobs, not in #US.</summary>
        private static IEnumerable<string> StringConstants(MetadataReader reader)
        {
            for (var row = 1; row <= reader.GetTableRowCount(TableIndex.Constant); row++)
            {
                var constant = reader.GetConstant(MetadataTokens.ConstantHandle(row));
                if (constant.TypeCode == ConstantTypeCode.String)
                {
                    var blob = reader.GetBlobReader(constant.Value);
                    yield return Encoding.Unicode.GetString(blob.ReadBytes(blob.Length));
                }
            }
        }
    }
}
