namespace Catalog.Api.GraphQL;

/// <summary>The subscription root (over WebSocket, graphql-transport-ws); each feature folder adds its fields in a part of this class.</summary>
public sealed partial class Subscription;
