namespace Catalog.Api.GraphQL;

/// <summary>
/// The mutation root; each feature folder adds its fields in a part of this class. Every field is <c>[Scoped]</c>: it
/// runs in a service scope of its own, so its database session, with whatever a refusal left pending in it, ends with
/// the field and is never saved by the next field of the same request (ADR 0106).
/// </summary>
public sealed partial class Mutation;
