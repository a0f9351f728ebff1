using Catalog.Api.Audit;
using Catalog.Api.Files.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace Catalog.IntegrationTests.Files.Events;

public sealed class FileEventBroadcasterTests
{
    private readonly FileEventBroadcaster broadcaster = new(NullLogger<FileEventBroadcaster>.Instance);

    [Fact]
    public void An_owner_whose_last_subscriber_left_is_forgotten()
    {
        var subscriptions = Enumerable.Range(0, 100).Select(_ => broadcaster.EventsOf(Guid.NewGuid()).Subscribe(new Received()))
            .Append(broadcaster.AllEvents(_ => true).Subscribe(new Received()))
            .ToList();
        Assert.Equal(101, broadcaster.OwnersWatched);

        subscriptions.ForEach(s => s.Dispose());

        Assert.Equal(0, broadcaster.OwnersWatched);
    }

    [Fact]
    public void An_owner_forgotten_and_subscribed_to_again_gets_its_events()
    {
        var owner = Guid.NewGuid();
        broadcaster.EventsOf(owner).Subscribe(new Received()).Dispose();
        var again = new Received();

        using var subscription = broadcaster.EventsOf(owner).Subscribe(again);
        broadcaster.Publish(Uploaded(owner));

        Assert.Single(again.Events);
        Assert.Equal(1, broadcaster.OwnersWatched);
    }

    [Fact]
    public void Events_go_to_their_owners_subscribers_and_to_auditors_whose_filter_passes_them()
    {
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var (alices, bobs, uploads, accesses) = (new Received(), new Received(), new Received(), new Received());
        using var a = broadcaster.EventsOf(alice).Subscribe(alices);
        using var b = broadcaster.EventsOf(bob).Subscribe(bobs);
        using var u = broadcaster.AllEvents(e => e is FileUploadedView).Subscribe(uploads);
        using var x = broadcaster.AllEvents(e => e is not FileUploadedView).Subscribe(accesses);

        broadcaster.Publish(Uploaded(alice));

        Assert.Single(alices.Events);
        Assert.Empty(bobs.Events);
        Assert.Single(uploads.Events);
        Assert.Empty(accesses.Events);
    }

    private static FileUploadedView Uploaded(Guid owner) =>
        new(Guid.NewGuid(), 1, 1, Guid.NewGuid(), owner, owner, "FileUploaded", DateTimeOffset.UnixEpoch, "a.txt", "text/plain", 1, new string('0', 64));

    private sealed class Received : IObserver<FileEventView>
    {
        public List<FileEventView> Events { get; } = [];
        public void OnNext(FileEventView value) => Events.Add(value);
        public void OnError(Exception error) => throw error;
        public void OnCompleted() { }
    }
}
