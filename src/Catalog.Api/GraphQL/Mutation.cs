namespace Catalog.Api.GraphQL;

/// <summary>The mutation root; each feature folder adds its fields in a part of this class.</summary>
public sealed partial class Mutation;
