namespace Catalog.Sync.Transfer;

/// <summary>A copy that reached the cloud tier but cannot be trusted; <see cref="IsTransient"/> says whether trying again may help.</summary>
public sealed class CopyFailedException(string message, bool isTransient) : Exception(message)
{
    public bool IsTransient { get; } = isTransient;
}
