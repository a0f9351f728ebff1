using System.Text.Json;
using Catalog.Api.Auth;
using Catalog.Api.Errors;
using Catalog.Api.Files.Upload;
using Catalog.Api.GraphQL.Schema;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>GraphQL over HTTP at <c>/graphql</c>: GET for queries, POST with JSON (one operation or a batch) or a multipart upload.</summary>
public sealed class GraphQLHttpEndpoint(
    GraphQLOperationRunner runner, IDocumentBuilder documents, GraphQLRequestReader reader, IGraphQLTextSerializer serializer,
    IOptions<GraphQLTransportOptions> transport, IOptions<UploadOptions> uploads, ILogger<GraphQLHttpEndpoint> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var mediaType = ResponseMediaType.Negotiate(http.Request.Headers.Accept);
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept); // the answer's media type follows Accept
        try
        {
            if (mediaType is null)
                throw new TransportError(StatusCodes.Status406NotAcceptable,
                    $"Accept '{ResponseMediaType.GraphQLResponse}' or '{ResponseMediaType.Json}'.");
            var incoming = await ReadAsync(http);
            if (incoming.Batch is { } batch)
            {
                await WriteBatchAsync(http, mediaType, batch);
                return;
            }
            var result = await runner.RunAsync(incoming.Single!, incoming.Document, http.User, http.RequestServices, http.RequestAborted,
                TokenRefusal.Of(http));
            if (IsSubscription(result))
                throw SubscriptionOverHttp;
            var status = mediaType == ResponseMediaType.GraphQLResponse && !result.Executed
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status200OK;
            await WriteAsync(http, status, mediaType, result);
        }
        catch (TransportError error)
        {
            if (error.Allow is not null)
                http.Response.Headers.Allow = error.Allow;
            var result = new ExecutionResult { Errors = [new RefusedRequestError(error.Code, error.Reason, error.Message)] };
            await WriteAsync(http, error.Status, mediaType ?? ResponseMediaType.Json, result);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            // The client's body broke off or exceeded a server limit while it was being read.
            var result = new ExecutionResult { Errors = [new RefusedRequestError(ErrorCode.BadUserInput, null, e.Message)] };
            await WriteAsync(http, e.StatusCode, mediaType ?? ResponseMediaType.Json, result);
        }
        catch (Exception e) when (e is not OperationCanceledException && !http.Response.HasStarted)
        {
            logger.LogError(e, "The GraphQL transport failed");
            var result = new ExecutionResult { Errors = [new RefusedRequestError(ErrorCode.Internal, null, "An internal error occurred; it has been logged.")] };
            await WriteAsync(http, StatusCodes.Status500InternalServerError, mediaType ?? ResponseMediaType.Json, result);
        }
    }

    private sealed record Incoming(GraphQLRequest? Single, GraphQLDocument? Document, IReadOnlyList<GraphQLRequest>? Batch);

    private async Task<Incoming> ReadAsync(HttpContext http)
    {
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            var fromQuery = reader.FromQueryString(request.Query);
            return new(fromQuery, QueryOnly.Parse(fromQuery, documents), null);
        }
        if (!HttpMethods.IsPost(request.Method))
            throw new TransportError(StatusCodes.Status405MethodNotAllowed, "Use GET for queries or POST.") { Allow = "GET, POST" };
        if (ContentCodings.Applied(request) is { } codings)
            throw new TransportError(StatusCodes.Status415UnsupportedMediaType, ContentCodings.Refusal(codings), ErrorCode.UnsupportedMediaType);

        if (MultipartForm.Is(request.ContentType))
        {
            SetBodyLimit(http, uploads.Value.MaxFileSizeBytes + 2L * transport.Value.MaxRequestBytes);
            var multipart = new MultipartGraphQLRequest(reader);
            return new(await multipart.ReadAsync(request, transport.Value.MaxRequestBytes, http.RequestAborted), null, null);
        }
        if (!IsJson(request.ContentType))
            throw new TransportError(StatusCodes.Status415UnsupportedMediaType,
                "Send 'Content-Type: application/json', or 'multipart/form-data' for uploads.");

        var body = await ReadJsonBodyAsync(http);
        return body.ValueKind == JsonValueKind.Array
            ? new(null, null, reader.FromJsonBatch(body, transport.Value.Batching))
            : new(reader.FromJson(body), null, null);
    }

    private async Task WriteBatchAsync(HttpContext http, string mediaType, IReadOnlyList<GraphQLRequest> batch)
    {
        var results = new List<ExecutionResult>(batch.Count);
        foreach (var request in batch)
        {
            // A scope per operation, as over WebSocket: what one operation's scoped services read (a query's session, the
            // rows it loaded once) must not answer a later operation, which may follow a mutation of the same rows.
            await using var scope = http.RequestServices.CreateAsyncScope();
            var result = await runner.RunAsync(request, null, http.User, scope.ServiceProvider, http.RequestAborted, TokenRefusal.Of(http));
            results.Add(IsSubscription(result)
                ? new ExecutionResult { Errors = [new RefusedRequestError(SubscriptionOverHttp.Code, SubscriptionOverHttp.Reason, SubscriptionOverHttp.Message)] }
                : result);
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, results, http.RequestAborted);
    }

    // Nothing subscribes to the streams of a result that is answered over HTTP, so refusing after execution is safe.
    private static bool IsSubscription(ExecutionResult result) =>
        result.Streams is not null || result.Operation?.Operation == OperationType.Subscription;

    private static TransportError SubscriptionOverHttp => TransportError.BadRequest(
        $"Subscriptions are served over WebSocket at {GraphQLEndpointMapping.Path} (graphql-transport-ws).", "SUBSCRIPTION_OVER_HTTP");

    private async Task<JsonElement> ReadJsonBodyAsync(HttpContext http)
    {
        var limit = transport.Value.MaxRequestBytes;
        if (http.Request.ContentLength > limit)
            throw new TransportError(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit} bytes.");
        SetBodyLimit(http, limit);
        try
        {
            using var bytes = new MemoryStream();
            await http.Request.Body.CopyToAsync(bytes, http.RequestAborted);
            using var document = GraphQLRequestReader.ParseUtf8Json(bytes.GetBuffer().AsMemory(0, (int)bytes.Length));
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
