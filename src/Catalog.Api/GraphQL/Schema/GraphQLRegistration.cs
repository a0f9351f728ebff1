using Catalog.Api.Audit;
using Catalog.Api.Files.Listing;
using Catalog.Api.GraphQL.Audit;
using Catalog.Projections.AuditTrail;
using Catalog.Api.Files.Upload;
using Catalog.Api.GraphQL.Files;
using Catalog.Api.GraphQL.Transport;
using Catalog.Projections.FileListing;
using GraphQL;
using GraphQL.Execution;

namespace Catalog.Api.GraphQL.Schema;

public static class GraphQLRegistration
{
    public static IServiceCollection AddCatalogGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphQLTransportOptions>().Bind(configuration.GetSection(GraphQLTransportOptions.Section))
            .Validate(o => o.MaxRequestBytes >= 1024, $"{GraphQLTransportOptions.Section}:MaxRequestBytes must be at least 1024.")
            .ValidateOnStart();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddGraphQL(graphQL => graphQL
            .AddAutoSchema<Query>(schema => schema.WithMutation<Mutation>())
            .ConfigureSchema(schema =>
            {
                schema.RegisterTypeMapping<IncomingFile, UploadGraphType>();
                schema.RegisterTypeMapping<FileListing, FileType>();
                schema.RegisterTypeMapping<Connection<FileListing>, FileConnectionType>();
                schema.RegisterTypeMapping<Edge<FileListing>, FileEdgeType>();
                schema.RegisterTypeMapping<FileEventView, FileEventInterface>();
                schema.RegisterTypeMapping<AuditEntry, AuditEntryType>();
                schema.RegisterTypeMapping<Connection<AuditEntry>, AuditEntryConnectionType>();
                schema.RegisterTypeMapping<Edge<AuditEntry>, AuditEntryEdgeType>();
                schema.RegisterType<FileUploadedEventType>();
                schema.RegisterType<FileAccessedEventType>();
                schema.RegisterType<FileSyncedToCloudEventType>();
                schema.RegisterType<FileDeletedEventType>();
                schema.RegisterType<FileRestoredEventType>();
                schema.RegisterType<FilePurgedEventType>();
            })
            .AddGraphTypes(typeof(GraphQLRegistration).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider<CatalogErrorInfoProvider>()
            .UseMiddleware<AuthorizationFieldMiddleware>()
            .AddUnhandledExceptionHandler(LogUnexpected));
        return services;
    }

    private static void LogUnexpected(UnhandledExceptionContext context)
    {
        if (context.OriginalException is Errors.CatalogProblem or OperationCanceledException)
            return;
        var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Catalog.Api.GraphQL");
        logger?.LogError(context.OriginalException, "GraphQL field {Field} failed", context.FieldContext?.FieldDefinition.Name);
    }
}
