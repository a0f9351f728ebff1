using Catalog.Api.GraphQL.Transport;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Explorer;

/// <summary>Banana Cake Pop at <c>/graphql/ui</c>: its built files as they are, plus a bcp-config.json naming this service's endpoint.</summary>
public static class ExplorerEndpoints
{
    public const string Path = GraphQLEndpointMapping.Path + "/ui";

    public static WebApplication MapGraphQLExplorer(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ExplorerOptions>>().Value;
        if (!options.ExplorerEnabled)
            return app;

        var folder = Locate(options.ExplorerPath, app.Environment.ContentRootPath);
        if (folder is null)
        {
            app.Logger.LogWarning(
                "GraphQL:ExplorerPath '{Path}' has no index.html: the explorer at {Explorer} is off. Install it with: npm ci --prefix tools",
                options.ExplorerPath, Path);
            app.MapGet(Path + "/{**rest}", () => Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "The GraphQL explorer is not installed on this server.",
                extensions: new Dictionary<string, object?> { ["code"] = Errors.ErrorCode.NotFound }));
            return app;
        }

        // The app loads its files relative to its page, so the page must be addressed as a folder.
        app.Use((http, next) =>
        {
            if (!http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase) || http.Request.Path.Value!.EndsWith('/'))
                return next(http);
            http.Response.Redirect(http.Request.PathBase + Path + "/");
            return Task.CompletedTask;
        });
        app.MapGet(Path + "/bcp-config.json", (HttpContext http) => Results.Json(new
        {
            endpoint = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{GraphQLEndpointMapping.Path}",
            useBrowserUrlAsEndpoint = false,
            title = "HybridStorage",
            useGet = false,
            includeCookies = false,
        }));

        var files = new PhysicalFileProvider(folder);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json";
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = Path, ContentTypeProvider = types });
        return app;
    }

    private static string? Locate(string path, string contentRoot)
    {
        if (System.IO.Path.IsPathRooted(path))
            return File.Exists(System.IO.Path.Combine(path, "index.html")) ? path : null;
        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, path);
            if (File.Exists(System.IO.Path.Combine(candidate, "index.html")))
                return candidate;
        }
        return null;
    }
}
