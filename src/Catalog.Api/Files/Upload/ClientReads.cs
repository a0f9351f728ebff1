using Catalog.Api.Errors;

namespace Catalog.Api.Files.Upload;

/// <summary>Reads from a client's upload, where a connection that breaks off is the client's error, not the service's.</summary>
internal static class ClientReads
{
    public static async Task<int> ReadAsync(Stream source, Memory<byte> buffer, CancellationToken ct)
    {
        try
        {
            return await source.ReadAsync(buffer, ct);
        }
        // Kestrel's limit on the body (the largest file plus room for a multipart envelope, UploadEndpoint) stops a body
        // of no announced length that goes past it, before the upload's own check of the size could.
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new CatalogProblem(ErrorCode.FileTooLarge, "The file is larger than the largest upload this service takes.");
        }
        // Kestrel's minimum data rate: a client that stalls is not one whose upload ended.
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout && !ct.IsCancellationRequested)
        {
            throw new CatalogProblem(ErrorCode.BadUserInput,
                "The upload arrived too slowly: the service stops reading a body that comes in below its minimum data rate.");
        }
        catch (BadHttpRequestException) when (!ct.IsCancellationRequested)
        {
            throw new CatalogProblem(ErrorCode.BadUserInput,
                "The upload ended before the file was complete, or its framing (Content-Length or chunked encoding) was broken.");
        }
        catch (IOException) when (!ct.IsCancellationRequested)
        {
            throw EndedEarly();
        }
    }

    public static CatalogProblem EndedEarly() =>
        new(ErrorCode.BadUserInput, "The upload ended before the file was complete.");
}
