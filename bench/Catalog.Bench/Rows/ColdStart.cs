namespace Catalog.Bench.Rows;

/// <summary>P7: a new API process (the published dll) until /health/ready answers 200; the first start also creates the schema.</summary>
public static class ColdStart
{
    public static async Task<RowResult> RunAsync(BenchSettings s)
    {
        double first;
        await using (var api = await ApiProcess.StartAsync(s, Path.Combine(s.WorkDirectory, "api-first-start.log")))
            first = api.StartedIn.TotalSeconds;

        var starts = new List<double>();
        for (var i = 0; i < s.ColdStarts; i++)
        {
            await using var api = await ApiProcess.StartAsync(s, Path.Combine(s.WorkDirectory, $"api-start-{i}.log"));
            starts.Add(api.StartedIn.TotalSeconds);
        }

        if (starts.Count == 0)
            starts.Add(first); // the smoke run starts the API once only
        var median = Stats.Median(starts);
        var worst = starts.Max();
        return new RowResult(
            "P7",
            "cold start of the API process to /health/ready 200",
            $"median {Stats.F(median, 2)} s, max {Stats.F(worst, 2)} s",
            "-",
            null,
            "≤ 3 s",
            worst <= 3,
            (s.ColdStarts > 0
                ? $"{s.ColdStarts} starts of `dotnet Catalog.Api.dll` (published with ReadyToRun code, ADR 0078) against an existing schema (OS file cache warm), polled every 10 ms; " +
                  $"the very first start on an empty database (creates the schema) took {Stats.F(first, 2)} s"
                : "one start of `dotnet Catalog.Api.dll` (published with ReadyToRun code, ADR 0078) on an empty database (creates the schema), polled every 10 ms: the figures are that start's"),
            new Dictionary<string, object?> { ["seconds"] = starts, ["firstOnEmptyDatabaseSeconds"] = first });
    }
}
