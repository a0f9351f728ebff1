namespace Catalog.Domain.Files;

/// <summary>Storage keys are built by the service, never from a client's file name.</summary>
public static class ObjectKeys
{
    public static string For(Guid ownerId, Guid fileId) => $"{ownerId:D}/{fileId:D}";
}
