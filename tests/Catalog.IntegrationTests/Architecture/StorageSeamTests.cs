using System.Reflection;
using Amazon.S3;
using Catalog.Sync.Storage;
using Microsoft.Extensions.DependencyInjection;
using Minio.Exceptions;

namespace Catalog.IntegrationTests.Architecture;

/// <summary>
/// Every call to a bucket is made in <c>Catalog.Sync.Storage</c> (ADR 0105): what wraps the storage tiers there (traces,
/// metrics, rate limits, a reconciliation's view) sees all of them. A type anywhere else that names a storage client's
/// type (AWS SDK or Minio) in its signatures, fields or locals, or in the code of its methods (a call, a new object, a
/// type test), is a call that would be missed.
/// </summary>
public sealed class StorageSeamTests
{
    private static readonly string StorageNamespace = typeof(LocalTier).Namespace!;

    [Fact]
    public void No_type_outside_the_storage_folder_touches_a_storage_clients_types()
    {
        var assemblies = new[] { typeof(Program).Assembly, typeof(LocalTier).Assembly, typeof(Catalog.Projections.FileListing.FileListing).Assembly,
            typeof(Catalog.Domain.Files.StorageLocation).Assembly };

        var touching = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => !InStorage(t))
            .SelectMany(t => TypesUsedBy(t).Where(IsStorageClientType).Select(used => $"{t.FullName} uses {used.FullName}"))
            .Distinct()
            .ToList();

        Assert.Empty(touching);
    }

    [Fact]
    public void The_check_sees_a_storage_type_wherever_one_is_used()
    {
        Assert.Contains(TypesUsedBy(typeof(CloudTier)), IsStorageClientType);
        Assert.Contains(TypesUsedBy(typeof(LocalTier)), t => t.Namespace?.StartsWith("Minio", StringComparison.Ordinal) == true);
        // Only in the code: no signature, field or local names them.
        Assert.Contains(typeof(IAmazonS3), TypesUsedBy(typeof(CallsWithoutNamingTheType)));
        Assert.Contains(typeof(MinioException), TypesUsedBy(typeof(CallsWithoutNamingTheType)));
    }

    private static class CallsWithoutNamingTheType
    {
        public static Task Delete(IServiceProvider services) => services.GetRequiredService<IAmazonS3>().DeleteObjectAsync("bucket", "key");

        public static bool IsStores(Exception e) => e is MinioException;
    }

    private static bool InStorage(Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType) // nested and compiler-made types (async state machines, closures)
            if (t.Namespace == StorageNamespace)
                return true;
        return false;
    }

    private static bool IsStorageClientType(Type type) =>
        type.Namespace is { } ns && (ns == "Amazon" || ns.StartsWith("Amazon.", StringComparison.Ordinal) || ns == "Minio" || ns.StartsWith("Minio.", StringComparison.Ordinal));

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var used = new List<Type?> { type.BaseType };
        used.AddRange(type.GetInterfaces());
        used.AddRange(type.GetFields(all).Select(f => f.FieldType));
        used.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
                used.Add(info.ReturnType);
            used.AddRange(method.GetParameters().Select(p => p.ParameterType));
            used.AddRange(method.GetMethodBody()?.LocalVariables.Select(v => v.LocalType) ?? []);
            used.AddRange(MethodIl.TypesNamedBy(method));
        }
        return used.OfType<Type>().SelectMany(Expand).Distinct();
    }

    // Arrays, by-refs, nullables and generic arguments: Task<PutObjectResponse> names the AWS type only as an argument.
    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType && type.GetElementType() is { } element)
            foreach (var inner in Expand(element))
                yield return inner;
        if (type.IsGenericType)
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
                yield return argument;
    }
}
