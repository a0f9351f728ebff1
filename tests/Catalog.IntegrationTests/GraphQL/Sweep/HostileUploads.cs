using System.Text;

namespace Catalog.IntegrationTests.GraphQL.Sweep;

/// <summary>
/// The <c>Upload</c> argument's hostile values, which only a multipart request can carry: the file part's name (as
/// <c>filename</c> and as percent-encoded <c>filename*</c>), its declared type, no bytes at all, and a map that names a
/// part the request does not have. Written byte by byte, as a client that is no .NET client may send them.
/// </summary>
public static class HostileUploads
{
    private const string Boundary = "sweep-boundary";
    private const string Operations = """{"query":"mutation($file: Upload!) { r: uploadFile(file: $file) { __typename id name size contentType } }","variables":{"file":null}}""";

    public sealed record Case(string Label, byte[] Body)
    {
        public string ContentType => $"multipart/form-data; boundary={Boundary}";
    }

    public static IEnumerable<Case> All()
    {
        string[] names =
        [
            "", " ", new string('a', 100_000), "a\u0001\u001fb.txt", "\u202Etxt.exe", "../../../etc/passwd", "..\\..\\win.ini",
            "%00.txt", "CON", "a\\\"b.txt", "\ufffe.txt", "\ud83d\ude00.txt",
        ];
        foreach (var name in names)
            yield return new($"uploadFile(filename: {Label(name)})", Body($"filename=\"{name}\"", "text/plain", "hello"));
        foreach (var encoded in new[] { "%ED%A0%80.txt", "%00.txt", "%FF%FE.txt", "%", "%zz", "" })
            yield return new($"uploadFile(filename*: {encoded})", Body($"filename*=UTF-8''{encoded}", "text/plain", "hello"));
        foreach (var type in new[] { "", "text", "*/*", "text/plain; charset=\u0001", "application/x-msdownload", new string('a', 10_000) })
            yield return new($"uploadFile(Content-Type: {Label(type)})", Body("filename=\"a.txt\"", type, "hello"));
        yield return new("uploadFile(no bytes)", Body("filename=\"empty.txt\"", "text/plain", ""));
        yield return new("uploadFile(map names a missing part)", Raw("""{"9":["variables.file"]}""", "filename=\"a.txt\"", "text/plain", "hello"));
        yield return new("uploadFile(map names a missing variable)", Raw("""{"0":["variables.nothing"]}""", "filename=\"a.txt\"", "text/plain", "hello"));
    }

    private static string Label(string value) => value.Length > 20 ? $"{value.Length} chars" : SweepValue.Quote(value);

    private static byte[] Body(string fileName, string contentType, string content) =>
        Raw("""{"0":["variables.file"]}""", fileName, contentType, content);

    private static byte[] Raw(string map, string fileName, string contentType, string content) => Encoding.UTF8.GetBytes(
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{Operations}\r\n" +
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{map}\r\n" +
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"0\"; {fileName}\r\n" +
        (contentType.Length == 0 ? "" : $"Content-Type: {contentType}\r\n") +
        $"\r\n{content}\r\n--{Boundary}--\r\n");
}
