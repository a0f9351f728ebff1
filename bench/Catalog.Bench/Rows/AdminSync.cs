using System.Diagnostics;
using System.Text.Json;

namespace Catalog.Bench.Rows;

/// <summary>A sync run as an admin drives it: <c>startSync</c>, then <c>syncRun(id)</c> until it is finished.</summary>
public static class AdminSync
{
    private const string Fields = "id status batches filesTried filesSynced filesFailed bytes durationSeconds";

    /// <summary>Wall time from the mutation until a poll (every 100 ms) sees the run finished, and the finished run.</summary>
    public static async Task<(double Seconds, JsonElement Run)> RunAsync(ApiClient client, string token, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var started = (await client.GraphQLAsync(token, $"mutation {{ startSync {{ {Fields} }} }}")).GetProperty("startSync");
        var id = started.GetProperty("id").GetString();
        while (true)
        {
            var run = (await client.GraphQLAsync(token, $"query($id: ID!) {{ syncRun(id: $id) {{ {Fields} }} }}", new { id }))
                .GetProperty("syncRun");
            if (run.GetProperty("status").GetString() == "FINISHED")
                return (clock.Elapsed.TotalSeconds, run);
            if (clock.Elapsed > limit)
                throw new TimeoutException($"Sync run {id} was not finished after {limit}: {run}");
            await Task.Delay(100);
        }
    }

    public static long Long(this JsonElement run, string field) => run.GetProperty(field).GetInt64();
}
