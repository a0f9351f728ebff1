using System.Reflection;
using Catalog.Api;
using Catalog.Api.Audit;
using Catalog.Api.Auth;
using Catalog.Api.Commands;
using Catalog.Api.Cors;
using Catalog.Api.Diagnostics;
using Catalog.Api.Files.Events;
using Catalog.Api.Errors;
using Catalog.Api.Files.Download;
using Catalog.Api.Files.Upload;
using Catalog.Api.GraphQL.Explorer;
using Catalog.Api.GraphQL.Schema;
using Catalog.Api.GraphQL.Transport;
using Catalog.Api.Health;
using Catalog.Api.Networking;
using Catalog.Api.Persistence;
using Catalog.Sync;
using Catalog.Sync.Purge;
using Catalog.Sync.Uploads;
using Catalog.Sync.Storage;
using JasperFx;
using Serilog;

if (DaemonRebuildRefusal.For(args) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 1;
}

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddCatalogLogging();
    builder.AddCatalogPersistence();
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddStorageTiers(builder.Configuration);
    builder.Services.AddCatalogSync(builder.Configuration);
    builder.Services.AddCatalogAuthentication(builder.Configuration);
    builder.Services.AddCrossOriginAccess(builder.Configuration);
    builder.Services.AddFileUploads(builder.Configuration);
    builder.Services.AddFileDownloads(builder.Configuration);
    builder.Services.AddFilePurge(builder.Configuration);
    builder.Services.AddDirectUploads(builder.Configuration);
    builder.Services.AddFileEventFeed();
    builder.Services.AddCatalogGraphQL(builder.Configuration);
    builder.Services.AddCatalogHealthChecks();
    builder.Services.AddCatalogProblemDetails();
    builder.Services.AddRestJson();
    builder.Services.AddLargeNetworkBlocks();
    builder.Services.AddRequestHeadChecks();

    app = builder.Build();
    app.UseServerTimingWhenEnabled();
    app.UseCatalogRequestLogging(); // outside the problem handler, so it logs the status the client got
    app.UseCrossOriginAccess();
    app.UseRequestHeadChecks();
    app.UseCatalogProblemDetails();
    app.UseCatalogAuthentication();
    app.MapCatalogHealthChecks();
    app.MapCatalogGraphQL();
    app.MapGraphQLExplorer();
    app.MapAuditExport();
    app.MapUploadEndpoint();
    app.MapFileDownloads();
}
// Settings read while the service is put together, before its log exists (a bool that says "yes", a log level that
// is not one): the same one line as a failed start, which the log writes (ADR 0098). Anything else keeps its stack,
// and so does a host built by a test's factory, which reads the failure from the exception.
catch (Exception failure) when (Assembly.GetEntryAssembly() == typeof(Program).Assembly && StartupFailureLine.Explain(failure) is { } reason)
{
    await Console.Error.WriteLineAsync($"The service could not start: {reason}");
    return 1;
}

CommandConsole.Prepare(args);
return await app.RunJasperFxCommands(args);

public partial class Program;
