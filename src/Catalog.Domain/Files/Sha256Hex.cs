namespace Catalog.Domain.Files;

public static class Sha256Hex
{
    public static bool IsValid(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
