using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Bench;

/// <summary>
/// The goal engine at scale on the embedded default: 400 areas × 50 indicators × 15 years
/// (300,000 observations) and 40 plans with 20 targets each. Measures full evaluation of every
/// target of every plan from the database against the floor of reading the same observations,
/// and the per-plan status request over HTTP against the real service process.
/// </summary>
public static class EvaluationBenchmark
{
    private const int Plans = 40;
    private const int Rounds = 7;

    public static async Task<int> RunAsync(string repositoryRoot)
    {
        var folder = Directory.CreateTempSubdirectory("monitoring-bench-eval-").FullName;
        try
        {
            var options = new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(folder, "bench.db")}" };
            var database = new MonitoringDatabase(options);
            new SchemaMigrator(database).Migrate();
            var catalog = new SyntheticCatalog(400, 50, 2010, 15, [""]);
            await catalog.SeedAsync(database);
            var csv = Path.Combine(folder, "observations.csv");
            catalog.WriteCsv(csv);
            var importer = new ObservationImporter(database, new IndicatorStore(database), new ScopeStore(database), new DimensionStore(database),
                Microsoft.Extensions.Options.Options.Create(new Monitoring.Ingest.Import.Rules.ValidationOptions()), TimeProvider.System);
            var report = await importer.ImportAsync(ImportRequest.FromFile(csv, "bench", "bench", dryRun: false));
            Console.WriteLine($"Imported {report.Created:N0} observations into SQLite");
            var plans = new PlanStore(database);
            var areas = catalog.AreaCodes.ToList();
            var indicators = catalog.IndicatorCodes.ToList();
            for (var p = 0; p < Plans; p++)
                await plans.CreateAsync(PlanFor(p, areas.Skip(p * 10).Take(10).ToList(), indicators));
            Console.WriteLine($"Created {Plans} plans with 20 targets each");

            var series = new SeriesQuery(database, Microsoft.Extensions.Options.Options.Create(new SuppressionOptions()));
            var reader = new PlanEvaluationReader(database, plans, new IndicatorStore(database), series);
            var planList = await plans.ListAsync();
            var floor = await MedianSecondsAsync(async () =>
            {
                foreach (var plan in planList)
                    await series.ForPlanAsync(plan.Id);
            });
            var full = await MedianSecondsAsync(async () => await reader.EvaluateAllAsync(asOf: null));
            var targets = (await reader.EvaluateAllAsync(null)).Sum(e => e.Counts.Achieved + e.Counts.OnTrack + e.Counts.AtRisk + e.Counts.OffTrack + e.Counts.InsufficientData);
            Console.WriteLine($"Floor: reading every plan's series from the database: {floor * 1000:F0} ms");
            Console.WriteLine($"Full evaluation of all {targets} targets of {Plans} plans: {full * 1000:F0} ms");
            Console.WriteLine($"ratio: {full / floor:F2} x the floor (goal <= 1.5x): {(full / floor <= 1.5 ? "PASS" : "MISS")}");

            await HttpStatusAsync(repositoryRoot, options.ConnectionString, planList.Select(p => p.Slug).ToList());
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static PlanDefinition PlanFor(int index, List<string> areas, List<string> indicators)
    {
        TargetDefinition Target(int i) => new(
            indicators[(index * 7 + i) % indicators.Count], areas[i % areas.Count], "", "2015", null, "2026", 35,
            0.05, 1, null, null);
        var goals = Enumerable.Range(0, 4).Select(g => new GoalDefinition(
            $"M{g + 1}", $"Strategisk mål {g + 1}", "strategic", null, null, "Bestyrelsen",
            Enumerable.Range(g * 5, 3).Select(Target).ToList(),
            [new GoalDefinition($"M{g + 1}.1", $"Delmål {g + 1}.1", "subGoal", null, "Indsats", "Styregruppen",
                Enumerable.Range(g * 5 + 3, 2).Select(Target).ToList(), null)])).ToList();
        return new PlanDefinition($"bench-plan-{index:00}", $"Benchmarkplan {index}", "0999", "2019-2026", "active", areas, goals);
    }

    private static async Task HttpStatusAsync(string repositoryRoot, string connectionString, IReadOnlyList<string> slugs)
    {
        var binaries = Path.Combine(repositoryRoot, "Monitoring.Api", "bin", "Release", "net10.0");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(binaries, "Monitoring.Api.dll"), "--urls", $"http://127.0.0.1:{port}", "--contentRoot", binaries })
            start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Monitoring"] = connectionString;
        start.Environment["Monitoring__Samples__LoadWhenEmpty"] = "false";
        start.Environment["Monitoring__Auth__AdminKeyFile"] = Path.Combine(Path.GetTempPath(), $"bench-admin-{port}.key");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitHealthyAsync(client);
            foreach (var slug in slugs.Take(5))
                await client.GetStringAsync($"/api/v1/plans/{slug}/status");
            var timings = new List<double>();
            var floor = new List<double>();
            for (var round = 0; round < 5; round++)
            {
                foreach (var slug in slugs)
                {
                    var clock = Stopwatch.StartNew();
                    await client.GetStringAsync($"/api/v1/plans/{slug}/status");
                    timings.Add(clock.Elapsed.TotalMilliseconds);
                    clock.Restart();
                    await client.GetStringAsync($"/api/v1/plans/{slug}");
                    floor.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
            Console.WriteLine($"HTTP GET /api/v1/plans/{{slug}}/status over {timings.Count} requests: p50 {Percentile(timings, 0.5):F1} ms, p95 {Percentile(timings, 0.95):F1} ms (goal: p50 under 20 ms)");
            Console.WriteLine($"  same-run floor GET /api/v1/plans/{{slug}}: p50 {Percentile(floor, 0.5):F1} ms; ratio {Percentile(timings, 0.5) / Percentile(floor, 0.5):F1}x");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WaitHealthyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The service did not start.");
    }

    private static async Task<double> MedianSecondsAsync(Func<Task> work)
    {
        await work();
        var times = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            await work();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        return Percentile(times, 0.5);
    }

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
