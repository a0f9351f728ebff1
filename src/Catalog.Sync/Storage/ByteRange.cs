namespace Catalog.Sync.Storage;

/// <summary>A part of an object: <see cref="Length"/> bytes from <see cref="Offset"/>, never empty.</summary>
public readonly record struct ByteRange
{
    public ByteRange(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Offset = offset;
        Length = length;
    }

    public long Offset { get; }
    public long Length { get; }
    public long Last => Offset + Length - 1;
}
