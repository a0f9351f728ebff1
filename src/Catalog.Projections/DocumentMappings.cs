using Marten;
using Marten.Schema;

namespace Catalog.Projections;

internal static class DocumentMappings
{
    /// <summary>
    /// Configures the mapping of <typeparamref name="T"/> itself, for what <c>Schema.For&lt;T&gt;()</c> cannot express:
    /// a duplicated column without an index of its own (<c>Duplicate</c> always adds one), or an index over several
    /// columns (ADR 0063, ADR 0080).
    /// </summary>
    public static void ForDocument<T>(this StoreOptions options, Action<DocumentMapping> configure) =>
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType == typeof(T))
                configure(mapping);
        });
}
