
namespace Catalog.Domain.Files;

/// <summary>The media type the first bytes of a file prove, whatever the client claims.</summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeadLength = 4096;

    public const string OctetStream = "application/octet-stream";
    public const string PlainText = "text/plain";

    private static readonly (byte[] Magic, int Offset, string Type)[] Signatures =
    [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0, "image/png"),
        ([0xFF, 0xD8, 0xFF], 0, "image/jpeg"),
        ("GIF87a"u8.ToArray(), 0, "image/gif"),
        ("GIF89a"u8.ToArray(), 0, "image/gif"),
        ("%PDF-"u8.ToArray(), 0, "application/pdf"),
        ([0x50, 0x4B, 0x03, 0x04], 0, "application/zip"),
        ([0x50, 0x4B, 0x05, 0x06], 0, "application/zip"),
        ([0x1F, 0x8B], 0, "application/gzip"),
        ("ftyp"u8.ToArray(), 4, "video/mp4"),
        ("OggS"u8.ToArray(), 0, "audio/ogg"),
        ([0x1A, 0x45, 0xDF, 0xA3], 0, "video/webm"),
        ("ID3"u8.ToArray(), 0, "audio/mpeg"),
        ("fLaC"u8.ToArray(), 0, "audio/flac"),
        ("MZ"u8.ToArray(), 0, "application/x-msdownload"),
        ([0x7F, 0x45, 0x4C, 0x46], 0, "application/x-executable"),
        ([0xFE, 0xED, 0xFA, 0xCE], 0, "application/x-mach-binary"),
        ([0xFE, 0xED, 0xFA, 0xCF], 0, "application/x-mach-binary"),
        ([0xCE, 0xFA, 0xED, 0xFE], 0, "application/x-mach-binary"),
        ([0xCF, 0xFA, 0xED, 0xFE], 0, "application/x-mach-binary"),
        ([0xCA, 0xFE, 0xBA, 0xBE], 0, "application/x-mach-binary"),
        ("#!"u8.ToArray(), 0, "text/x-shellscript"),
    ];

    public static string Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8))
        {
            var form = head.Slice(8, 4);
            if (form.SequenceEqual("WEBP"u8)) return "image/webp";
            if (form.SequenceEqual("WAVE"u8)) return "audio/wav";
            if (form.SequenceEqual("AVI "u8)) return "video/x-msvideo";
        }
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && head[1] != 0xFF)
            return "audio/mpeg";

        foreach (var (magic, offset, type) in Signatures)
        {
            if (head.Length >= offset + magic.Length && head.Slice(offset, magic.Length).SequenceEqual(magic))
                return type;
        }

        return !LooksLikeText(head) ? OctetStream : MarkupSniffer.Sniff(head) ?? PlainText;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.Contains((byte)0))
            return false;
        // A multi-byte character cut off at the end of the head is still text.
        for (var trim = 0; trim <= 3 && trim <= head.Length; trim++)
        {
            if (System.Text.Unicode.Utf8.IsValid(head[..^trim]))
                return true;
        }
        return false;
    }
}
