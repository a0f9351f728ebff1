namespace Catalog.Api.GraphQL.Schema;

/// <summary>
/// A scalar's reason for refusing a variable's value. GraphQL.NET words the refusal itself ("Variable '$at' is invalid.
/// Unable to convert …") and keeps this as its inner exception; <see cref="CatalogErrorInfoProvider"/> adds the reason.
/// </summary>
public sealed class ValueRefused(string reason) : InvalidOperationException(reason);
