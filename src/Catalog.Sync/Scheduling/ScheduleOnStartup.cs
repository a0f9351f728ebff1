using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Catalog.Sync.Scheduling;

/// <summary>Once everything has started (Wolverine included), makes sure a nightly run is scheduled or catches up a missed one.</summary>
internal sealed class ScheduleOnStartup(IServiceScopeFactory scopes) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Not cancelled by a stop that comes while starting: the check takes a moment, is what makes sure a next run is
        // due, and cut off it would be logged as a failed invocation. A stop waits for it (at most the time-out).
        await scope.ServiceProvider.GetRequiredService<IMessageBus>()
            .InvokeAsync(new EnsureSyncScheduled(), CancellationToken.None, TimeSpan.FromMinutes(1));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
