namespace Catalog.Domain.Files;

/// <summary>Storage keys are built by the service, never from a client's file name.</summary>
public static class ObjectKeys
{
    public static string For(Guid ownerId, Guid fileId) => $"{ownerId:D}/{fileId:D}";

    /// <summary>Where a client PUTs a direct upload before it is verified and copied to <see cref="For"/>.</summary>
    public static string Staging(Guid ownerId, Guid uploadId) => $"{ownerId:D}/uploads/{uploadId:D}";
}
