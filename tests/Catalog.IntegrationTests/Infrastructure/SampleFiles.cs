using System.Text;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>Small files whose first bytes are what real files of each type start with.</summary>
public static class SampleFiles
{
    public static byte[] Png(int size = 64) => Pad([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], size);
    public static byte[] Jpeg(int size = 64) => Pad([0xFF, 0xD8, 0xFF, 0xE0, 0, 16], size);
    public static byte[] Pdf(int size = 64) => Pad("%PDF-1.7\n%\u00e2\u00e3\n"u8.ToArray(), size);
    public static byte[] Zip(int size = 64) => Pad([0x50, 0x4B, 0x03, 0x04, 20, 0], size);
    public static byte[] WindowsExe(int size = 64) => Pad("MZ"u8.ToArray(), size);
    public static byte[] Elf(int size = 64) => Pad([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1], size);
    public static byte[] MachO(int size = 64) => Pad([0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1], size);
    public static byte[] ShellScript() => "#!/bin/sh\nrm -rf /\n"u8.ToArray();
    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Random bytes that never happen to start like an executable or any other signature.</summary>
    public static byte[] RandomBinary(int size)
    {
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(size);
        if (size > 0)
            bytes[0] = 0;
        return bytes;
    }

    private static byte[] Pad(byte[] magic, int size)
    {
        var bytes = new byte[Math.Max(size, magic.Length)];
        magic.CopyTo(bytes, 0);
        return bytes;
    }
}
