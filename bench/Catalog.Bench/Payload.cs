using System.IO.Hashing;
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

    /// <summary>The CRC-32 a single PUT to the local tier is given (ADR 0102), from the stream's position to its end.</summary>
    public static async Task<uint> Crc32OfAsync(Stream content)
    {
        var crc32 = new Crc32();
        await crc32.AppendAsync(content);
        return crc32.GetCurrentHashAsUInt32();
    }
}
