using System.Text;

namespace Catalog.Api.Files.Events;

/// <summary>
/// The kind a client sees, from the event's type name: <c>FileSyncedToCloud</c> becomes <c>SYNCED_TO_CLOUD</c>.
/// Deriving it keeps the feed open to events other slices add without a list to keep in step.
/// </summary>
public static class FileEventKind
{
    public static string Of(Type eventType)
    {
        var name = eventType.Name.StartsWith("File", StringComparison.Ordinal) ? eventType.Name[4..] : eventType.Name;
        var kind = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
                kind.Append('_');
            kind.Append(char.ToUpperInvariant(name[i]));
        }
        return kind.ToString();
    }
}
