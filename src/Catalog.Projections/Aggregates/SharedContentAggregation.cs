using Catalog.Domain.Files;
using Marten.Events.Aggregation;

namespace Catalog.Projections.Aggregates;

/// <summary>Folds an owner's shared content stream into <see cref="SharedContent"/>; see <see cref="StoredFileAggregation"/> for why it is here.</summary>
public sealed class SharedContentAggregation : SingleStreamProjection<SharedContent, Guid>
{
    public static SharedContent Create(ContentReferenced e) => SharedContent.Create(e);

    public static SharedContent Apply(ContentReferenced e, SharedContent content) => content.Apply(e);

    public static SharedContent Apply(ContentReleased e, SharedContent content) => content.Apply(e);
}
