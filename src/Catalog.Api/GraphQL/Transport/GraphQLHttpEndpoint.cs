using System.Text.Json;
using Catalog.Api.Files.Upload;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>GraphQL over HTTP at <c>/graphql</c>: GET for queries, POST with JSON or a multipart upload.</summary>
public sealed class GraphQLHttpEndpoint(
    IDocumentExecuter executer, ISchema schema, IGraphQLTextSerializer serializer,
    IOptions<GraphQLTransportOptions> transport, IOptions<UploadOptions> uploads)
{
    private readonly GraphQLRequestReader reader = new(serializer);

    public async Task HandleAsync(HttpContext http)
    {
        var mediaType = ResponseMediaType.Negotiate(http.Request.Headers.Accept);
        try
        {
            if (mediaType is null)
                throw new TransportError(StatusCodes.Status406NotAcceptable,
                    $"Accept '{ResponseMediaType.GraphQLResponse}' or '{ResponseMediaType.Json}'.");
            var (request, document) = await ReadAsync(http);
            var result = await ExecuteAsync(http, request, document);
            var status = mediaType == ResponseMediaType.GraphQLResponse && !result.Executed
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status200OK;
            await WriteAsync(http, status, mediaType, result);
        }
        catch (TransportError error)
        {
            if (error.Allow is not null)
                http.Response.Headers.Allow = error.Allow;
            var result = new ExecutionResult { Errors = [new ExecutionError(error.Message) { Code = error.Code }] };
            await WriteAsync(http, error.Status, mediaType ?? ResponseMediaType.Json, result);
        }
    }

    private async Task<(GraphQLRequest Request, GraphQLDocument? Document)> ReadAsync(HttpContext http)
    {
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            var fromQuery = reader.FromQueryString(request.Query);
            var document = QueryOnly.Parse(fromQuery);
            return (fromQuery, document);
        }
        if (!HttpMethods.IsPost(request.Method))
            throw new TransportError(StatusCodes.Status405MethodNotAllowed, "Use GET for queries or POST.") { Allow = "GET, POST" };

        if (MultipartGraphQLRequest.IsMultipart(request.ContentType))
        {
            SetBodyLimit(http, uploads.Value.MaxFileSizeBytes + 2L * transport.Value.MaxRequestBytes);
            var multipart = new MultipartGraphQLRequest(reader);
            return (await multipart.ReadAsync(request, transport.Value.MaxRequestBytes, http.RequestAborted), null);
        }
        if (!IsJson(request.ContentType))
            throw new TransportError(StatusCodes.Status415UnsupportedMediaType,
                "Send 'Content-Type: application/json', or 'multipart/form-data' for uploads.");

        return (reader.FromJson(await ReadJsonBodyAsync(http)), null);
    }

    private async Task<JsonElement> ReadJsonBodyAsync(HttpContext http)
    {
        var limit = transport.Value.MaxRequestBytes;
        if (http.Request.ContentLength > limit)
            throw new TransportError(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit} bytes.");
        SetBodyLimit(http, limit);
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw TransportError.BadRequest("The request body is not valid JSON.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new TransportError(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit} bytes.");
        }
    }

    private Task<ExecutionResult> ExecuteAsync(HttpContext http, GraphQLRequest request, GraphQLDocument? document) =>
        executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            User = http.User,
            CancellationToken = http.RequestAborted,
        });

    private async Task WriteAsync(HttpContext http, int status, string mediaType, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);

    private static void SetBodyLimit(HttpContext http, long limit)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
    }
}
