using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Catalog.Sync;

/// <summary>
/// Runs one health check's question to a dependency within <see cref="Timeout"/>. A dependency that fails or does not
/// answer is a result, not an exception: the health check service logs a thrown exception with its whole stack, on
/// every probe for as long as an outage lasts (ADR 0089). The answer comes within the time-out even when the question
/// ignores its cancellation, as Npgsql does with a server that accepts and then hangs; the question runs on unobserved.
/// </summary>
public static class DependencyProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<HealthCheckResult> RunAsync(
        string dependency, Func<CancellationToken, Task<HealthCheckResult>> probe, CancellationToken ct)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(Timeout);
        try
        {
            var question = probe(patience.Token);
            _ = question.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            return await question.WaitAsync(patience.Token);
        }
        catch (Exception) when (patience.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{dependency} did not answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{dependency} does not answer: {e.GetType().Name}: {FirstLine(e.Message)}");
        }
    }

    private static string FirstLine(string message) =>
        message.Split('\n', 2)[0].Trim();
}
