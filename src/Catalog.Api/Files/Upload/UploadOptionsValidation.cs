using Catalog.Domain.Files;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// <c>Uploads</c> checked at start: a setting that would refuse every upload, or fail the first one, stops the
/// service naming its key. The configuration is read too, for what binding drops without a word (a misspelt kind).
/// </summary>
internal sealed class UploadOptionsValidation(IConfiguration configuration) : IValidateOptions<UploadOptions>
{
    private const string Section = UploadOptions.Section;
    private const long MaxObjectBytes = 5L * 1024 * 1024 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        var failures = new List<string>();
        // S3's largest object; it also keeps a multipart request's body limit (this plus twice GraphQL:MaxRequestBytes,
        // an int) far from overflowing.
        if (options.MaxFileSizeBytes is <= 0 or > MaxObjectBytes)
            failures.Add($"{Section}:MaxFileSizeBytes must be between 1 and {MaxObjectBytes} (5 TiB, S3's largest object), got {options.MaxFileSizeBytes}.");
        foreach (var key in configuration.GetSection($"{Section}:MaxBytesByCategory").GetChildren().Select(c => c.Key))
        {
            if (!Enum.TryParse<ContentCategory>(key, ignoreCase: true, out _))
                failures.Add($"{Section}:MaxBytesByCategory:{key} is not a kind of file; kinds: {string.Join(", ", Enum.GetNames<ContentCategory>())}.");
        }
        foreach (var (category, bytes) in options.MaxBytesByCategory.Where(kv => kv.Value <= 0))
            failures.Add($"{Section}:MaxBytesByCategory:{category} must be a positive number of bytes, got {bytes}.");
        if (options.QuotaBytes <= 0)
            failures.Add($"{Section}:QuotaBytes must be a positive number of bytes, got {options.QuotaBytes}.");
        if (options.QuotaFiles <= 0)
            failures.Add($"{Section}:QuotaFiles must be a positive number of files, got {options.QuotaFiles}.");
        failures.AddRange(BadTypes(nameof(UploadOptions.AllowedTypes), options.AllowedTypes));
        failures.AddRange(BadTypes(nameof(UploadOptions.DeniedTypes), options.DeniedTypes));
        if (options.SpoolDirectory.Length > 0 && SpoolProblem(options.SpoolDirectory) is { } problem)
            failures.Add($"{Section}:SpoolDirectory must be an existing folder the service can write to, or empty for the system's temporary folder: {problem}");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A media type as the lists hold them: type/subtype, or type/* for a family, lower-case (types are matched as the
    // service lower-cases them), without parameters.
    private static IEnumerable<string> BadTypes(string key, IReadOnlyList<string> types) =>
        types.Select((type, i) => (type, i))
            .Where(t => !MediaTypeHeaderValue.TryParse(t.type, out var parsed) || parsed.MediaType.Value != t.type
                        || t.type.Any(char.IsUpper) || t.type.StartsWith('*'))
            .Select(t => $"{Section}:{key}:{t.i} is not a media type (type/subtype, or type/* for a family): '{t.type}'.");

    private static string? SpoolProblem(string folder)
    {
        if (!Directory.Exists(folder))
            return "it does not exist.";
        var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
