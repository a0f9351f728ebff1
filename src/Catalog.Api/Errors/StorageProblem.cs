namespace Catalog.Api.Errors;

/// <summary>What a client is told when a storage tier failed its request: nothing was recorded, and it may try again.</summary>
public static class StorageProblem
{
    public const string Message = "The file storage is unavailable; nothing was recorded. Try again shortly.";

    /// <summary>Seconds a client is asked to wait (<c>Retry-After</c>) before trying again.</summary>
    public const int RetryAfterSeconds = 5;
}
