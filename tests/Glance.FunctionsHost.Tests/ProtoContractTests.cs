using System.Reflection;
using System.Runtime.Loader;
using Glance.FunctionsHost.Tests.Infrastructure;
using Glance.FunctionsHost.Tests.Rpc;
using Google.Protobuf.Reflection;

namespace Glance.FunctionsHost.Tests;

/// <summary>
/// Our FunctionRpc.proto is a subset written by hand; the worker's protocol is the descriptor embedded in the
/// Microsoft.Azure.Functions.Worker.Grpc.dll it ships with (internal FunctionRpcReflection.Descriptor). Every
/// message, field and enum value we declare must exist there with the same name, number and type, or the fake host
/// would speak a protocol the worker does not.
/// </summary>
public sealed class ProtoContractTests
{
    [Fact]
    public void FunctionRpcProto_EveryDeclaredElement_MatchesWorkerDescriptor()
    {
        var worker = WorkerDescriptor();
        var ours = FileDescriptorProto.Parser.ParseFrom(FunctionRpcReflection.Descriptor.SerializedData);
        var theirs = Index(worker);

        Assert.Equal(worker.Package, ours.Package);
        var differences = new List<string>();
        foreach (var message in ours.MessageType)
        {
            Compare(message, "." + ours.Package, theirs, differences);
        }
        foreach (var enumType in ours.EnumType)
        {
            Compare(enumType, "." + ours.Package, theirs, differences);
        }
        foreach (var service in ours.Service)
        {
            var their = worker.Service.SingleOrDefault(s => s.Name == service.Name);
            foreach (var method in service.Method)
            {
                var theirMethod = their?.Method.SingleOrDefault(m => m.Name == method.Name);
                if (theirMethod is null || theirMethod.InputType != method.InputType || theirMethod.OutputType != method.OutputType
                    || theirMethod.ClientStreaming != method.ClientStreaming || theirMethod.ServerStreaming != method.ServerStreaming)
                {
                    differences.Add($"rpc {service.Name}.{method.Name}: ours {method}, the worker's {theirMethod}");
                }
            }
        }

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
        Assert.NotEmpty(ours.MessageType);
    }

    private static void Compare(DescriptorProto message, string scope, IReadOnlyDictionary<string, object> theirs, List<string> differences)
    {
        var name = $"{scope}.{message.Name}";
        if (!theirs.TryGetValue(name, out var found) || found is not DescriptorProto their)
        {
            differences.Add($"message {name}: the worker has no such message");
            return;
        }
        foreach (var field in message.Field)
        {
            var theirField = their.Field.SingleOrDefault(f => f.Name == field.Name);
            if (theirField is null)
            {
                differences.Add($"{name}.{field.Name}: the worker has no such field");
                continue;
            }
            var ourShape = Shape(field, message);
            var theirShape = Shape(theirField, their);
            if (ourShape != theirShape)
            {
                differences.Add($"{name}.{field.Name}: ours is {ourShape}, the worker's is {theirShape}");
            }
        }
        foreach (var nested in message.NestedType)
        {
            Compare(nested, name, theirs, differences);
        }
        foreach (var nested in message.EnumType)
        {
            Compare(nested, name, theirs, differences);
        }
    }

    private static void Compare(EnumDescriptorProto enumType, string scope, IReadOnlyDictionary<string, object> theirs, List<string> differences)
    {
        var name = $"{scope}.{enumType.Name}";
        if (!theirs.TryGetValue(name, out var found) || found is not EnumDescriptorProto their)
        {
            differences.Add($"enum {name}: the worker has no such enum");
            return;
        }
        foreach (var value in enumType.Value)
        {
            var theirValue = their.Value.SingleOrDefault(v => v.Name == value.Name);
            if (theirValue?.Number != value.Number)
            {
                differences.Add($"{name}.{value.Name}: ours is {value.Number}, the worker's is {theirValue?.Number.ToString() ?? "missing"}");
            }
        }
    }

    /// <summary>Number, label, wire type, referenced type and oneof: everything that decides how a field is encoded.</summary>
    private static string Shape(FieldDescriptorProto field, DescriptorProto owner) =>
        $"#{field.Number} {field.Label} {field.Type} {field.TypeName}" +
        (field.HasOneofIndex ? $" oneof {owner.OneofDecl[field.OneofIndex].Name}" : "");

    /// <summary>Every message and enum of the worker's file by full name (".Package.Outer.Inner").</summary>
    private static Dictionary<string, object> Index(FileDescriptorProto file)
    {
        var index = new Dictionary<string, object>(StringComparer.Ordinal);
        void Add(DescriptorProto message, string scope)
        {
            var name = $"{scope}.{message.Name}";
            index[name] = message;
            foreach (var nested in message.NestedType)
            {
                Add(nested, name);
            }
            foreach (var nested in message.EnumType)
            {
                index[$"{name}.{nested.Name}"] = nested;
            }
        }
        foreach (var message in file.MessageType)
        {
            Add(message, "." + file.Package);
        }
        foreach (var enumType in file.EnumType)
        {
            index[$".{file.Package}.{enumType.Name}"] = enumType;
        }
        return index;
    }

    /// <summary>
    /// The descriptor the shipped worker was generated from, read by reflection from the build output's DLL. It is
    /// loaded in a context of its own, with the build output's Google.Protobuf, and handed over as bytes.
    /// </summary>
    private static FileDescriptorProto WorkerDescriptor()
    {
        var context = new AssemblyLoadContext("worker-grpc", isCollectible: true);
        var resolver = new AssemblyDependencyResolver(FunctionsBuildOutput.WorkerDll);
        context.Resolving += (ctx, name) => resolver.ResolveAssemblyToPath(name) is { } path ? ctx.LoadFromAssemblyPath(path) : null;
        try
        {
            var assembly = context.LoadFromAssemblyPath(FunctionsBuildOutput.WorkerGrpcDll);
            var reflection = assembly.GetType("Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection", throwOnError: true)!;
            var descriptor = reflection.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
            var serialized = descriptor.GetType().GetProperty("SerializedData")!.GetValue(descriptor)!;
            var bytes = (byte[])serialized.GetType().GetMethod("ToByteArray")!.Invoke(serialized, null)!;
            return FileDescriptorProto.Parser.ParseFrom(bytes);
        }
        finally
        {
            context.Unload();
        }
    }
}
