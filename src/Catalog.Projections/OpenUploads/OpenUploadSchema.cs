using JasperFx.Events.Projections;
using Marten;

namespace Catalog.Projections.OpenUploads;

internal static class OpenUploadSchema
{
    public static void ConfigureOpenUploads(this StoreOptions options)
    {
        options.Projections.Add<OpenUploadProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<OpenUpload>().Duplicate(x => x.OwnerId, notNull: true);
    }
}
