using Catalog.Api.Files.Events;
using Catalog.Api.Audit;
using Catalog.Api.GraphQL.Audit;
using Catalog.Api.Paging;
using Catalog.Projections.AuditTrail;
using Catalog.Api.Files.Upload;
using Catalog.Api.GraphQL.Files;
using Catalog.Api.GraphQL.CloudSync;
using Catalog.Api.GraphQL.Explorer;
using Catalog.Api.GraphQL.Transport;
using Catalog.Api.GraphQL.Transport.WebSockets;
using Catalog.Projections.FileListing;
using Catalog.Projections.SyncRuns;
using Catalog.Sync.Settings;
using GraphQL;
using Catalog.Api.GraphQL.Schema.Limits;
using GraphQL.Execution;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Schema;

public static class GraphQLRegistration
{
    public static IServiceCollection AddCatalogGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphQLTransportOptions>().BindSection(configuration, GraphQLTransportOptions.Section);
        services.AddSingleton<IValidateOptions<GraphQLTransportOptions>, GraphQLTransportOptionsValidation>();
        services.AddCatalogGraphQLLimits(configuration);
        services.AddSingleton<GraphQLOperationRunner>();
        services.AddSingleton<ValidatedDocuments>();
        services.AddSingleton<GraphQLRequestReader>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton(provider => Audit.EventFileRows.FromStore(provider.GetRequiredService<Marten.IDocumentStore>()));
        services.AddScoped<Audit.QueriedFileRows>();
        services.AddSingleton(provider => SyncProgressRuns.FromStore(provider.GetRequiredService<Marten.IDocumentStore>()));
        services.AddGraphQLWebSockets(configuration);
        services.AddOptions<ExplorerOptions>().BindSection(configuration, ExplorerOptions.Section);
        services.AddGraphQL(graphQL => graphQL
            .AddAutoSchema<Query>(schema => schema.WithMutation<Mutation>().WithSubscription<Subscription>())
            .ConfigureSchema(schema =>
            {
                schema.RegisterType(new StorableStringGraphType());
                schema.RegisterType(new OffsetDateTimeGraphType());
                schema.RegisterType(new TextIdGraphType());
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
                schema.RegisterType<LocalCopyEvictedEventType>();
                schema.RegisterType<FileSyncFailedEventType>();
                schema.RegisterType<OtherFileEventType>();
                schema.RegisterTypeMapping<SyncRunSummary, SyncRunType>();
                schema.RegisterTypeMapping<SyncProgress, SyncProgressType>();
                schema.RegisterTypeMapping<Connection<SyncRunSummary>, SyncRunConnectionType>();
                schema.RegisterTypeMapping<Edge<SyncRunSummary>, SyncRunEdgeType>();
                schema.RegisterType<FileRestoredEventType>();
                schema.RegisterType<FilePurgedEventType>();
            })
            .AddGraphTypes(typeof(GraphQLRegistration).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider<CatalogErrorInfoProvider>()
            .AddCatalogLimits()
            .AddValidationRule<SingleUseUploadRule>()
            .AddValidationRule<OneCredentialCheckRule>()
            .UseMiddleware<AuthorizationFieldMiddleware>()
            .ConfigureExecution(services => services.GetRequiredService<ValidatedDocuments>())
            .AddUnhandledExceptionHandler(LogUnexpected));
        return services;
    }

    private static void LogUnexpected(UnhandledExceptionContext context)
    {
        if (context.OriginalException is Errors.CatalogProblem or OperationCanceledException)
            return;
        // The client left (its upload broke off, say): whatever failed after that is no failure of the service.
        if (context.ExecutionOptions.CancellationToken.IsCancellationRequested)
            return;
        var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Catalog.Api.GraphQL");
        logger?.LogError(context.OriginalException, "GraphQL field {Field} failed", context.FieldContext?.FieldDefinition.Name);
    }
}
