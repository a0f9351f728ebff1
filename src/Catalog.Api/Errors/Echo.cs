namespace Catalog.Api.Errors;

/// <summary>
/// A client's value quoted back in an error message, cut to a length a person reads: a 5 000-character id came back
/// whole in a 400's title.
/// </summary>
public static class Echo
{
    public const int MaximumLength = 80;

    public static string Of(string? value) =>
        value is null ? "" : value.Length <= MaximumLength ? value : string.Concat(value.AsSpan(0, CutAt(value)), "…");

    // Never between the two halves of a surrogate pair.
    private static int CutAt(string value) =>
        char.IsHighSurrogate(value[MaximumLength - 1]) ? MaximumLength - 1 : MaximumLength;
}
