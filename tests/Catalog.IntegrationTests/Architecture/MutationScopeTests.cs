using System.Reflection;
using Catalog.Api.GraphQL;
using GraphQL;

namespace Catalog.IntegrationTests.Architecture;

/// <summary>
/// Every mutation field runs in a service scope of its own (ADR 0106): fields of one request share the request's
/// scope otherwise, and with it a database session in which a refused field leaves its pending changes for the next
/// field to save.
/// </summary>
public sealed class MutationScopeTests
{
    [Fact]
    public void Every_mutation_field_has_a_scope_of_its_own()
    {
        var fields = typeof(Mutation).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);

        Assert.NotEmpty(fields);
        Assert.All(fields, field => Assert.True(field.GetCustomAttribute<ScopedAttribute>() is not null,
            $"Mutation.{field.Name} has no [Scoped]: it would share the request's database session with the other fields."));
    }
}
