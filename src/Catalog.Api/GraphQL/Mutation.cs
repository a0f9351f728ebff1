namespace Catalog.Api.GraphQL;

/// <summary>
/// The mutation root; each feature folder adds its fields in a part of this class. Every field is <c>[Scoped]</c>: it
/// runs in a service scope of its own, so its database session, with whatever a refusal left pending in it, ends with
/// the field and is never saved by the next field of the same request (ADR 0106). Every field is nullable: one that fails
/// answers null with its error, and leaves what the other fields of the request did, a file stored say, in the answer
/// (ADR 0108).
/// </summary>
public sealed partial class Mutation;
