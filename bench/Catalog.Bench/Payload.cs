using System.Security.Cryptography;

namespace Catalog.Bench;

public static class Payload
{
    /// <summary>
    /// Random bytes whose head is zeroed: random leading bytes could now and then look like an executable's magic
    /// number, which the service rightly refuses.
    /// </summary>
    public static byte[] Random(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        ClearHead(bytes);
        return bytes;
    }

    public const int HeadLength = 64;

    public static void ClearHead(Span<byte> bytes) => bytes[..Math.Min(bytes.Length, HeadLength)].Clear();
}
