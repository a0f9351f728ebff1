using Catalog.Api.Paging;
using Catalog.Projections.FileListing;
using GraphQL.Types;

namespace Catalog.Api.GraphQL.Files;

public sealed class FileConnectionType : AutoRegisteringObjectGraphType<Connection<FileListing>>
{
    public FileConnectionType() => Name = "FileConnection";
}

public sealed class FileEdgeType : AutoRegisteringObjectGraphType<Edge<FileListing>>
{
    public FileEdgeType() => Name = "FileEdge";
}
