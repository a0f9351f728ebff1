using Catalog.Api.Errors;
using Catalog.Sync.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// The one file part of a REST multipart upload. At its end, before the upload may complete, it reads the rest of the
/// body: a second file part is refused rather than dropped unseen; form fields after the file are skipped.
/// </summary>
internal sealed class OnlyFilePart(MultipartSection file, MultipartReader reader) : ReadOnceStream
{
    private long position;
    private bool checkedRest;

    protected override long ReadSoFar => position;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await file.Body.ReadAsync(buffer, cancellationToken);
        position += read;
        if (read == 0 && buffer.Length > 0 && !checkedRest)
        {
            checkedRest = true;
            await RefuseAnotherFileAsync(cancellationToken);
        }
        return read;
    }

    private async Task RefuseAnotherFileAsync(CancellationToken ct)
    {
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
                if (MultipartForm.IsFilePart(section.GetContentDispositionHeader()))
                    throw new CatalogProblem(ErrorCode.BadUserInput, "Send one file per upload: the multipart body has a second file part.");
        }
        catch (InvalidDataException)
        {
            throw new CatalogProblem(ErrorCode.BadUserInput, "The multipart body is malformed or ended early.");
        }
    }
}
