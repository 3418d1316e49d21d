using System.Diagnostics;
using Dapper;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Storage;

namespace Monitoring.Bench;

/// <summary>
/// The large-file import into PostgreSQL, against <c>psql \copy</c> of the same file into a bare
/// table measured in the same run (the floor: no validation, no indexes, no history).
/// </summary>
public static class ImportBenchmark
{
    public static async Task<int> RunAsync(string connectionString, long rows)
    {
        // 400 areas × 50 indicators × 25 years × 2 subgroups = 1,000,000 rows by default.
        var years = (int)Math.Max(1, rows / (400L * 50 * 2));
        var catalog = new SyntheticCatalog(400, 50, 2000, years, ["", "koen:kvinde"]);
        var folder = Directory.CreateTempSubdirectory("monitoring-bench-").FullName;
        var file = Path.Combine(folder, "observations.csv");
        catalog.WriteCsv(file);
        var bytes = new FileInfo(file).Length;
        Console.WriteLine($"Generated {catalog.Rows:N0} rows ({bytes / 1048576.0:F1} MiB) in {file}");

        var database = new MonitoringDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString });
        new SchemaMigrator(database).Migrate();
        await catalog.SeedAsync(database);

        var copySeconds = await PsqlCopyAsync(connectionString, file);
        Console.WriteLine($"psql \\copy into a bare table: {copySeconds:F2} s");

        var importer = new ObservationImporter(database, new IndicatorStore(database), new ScopeStore(database), TimeProvider.System);
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        var before = self.WorkingSet64;
        var clock = Stopwatch.StartNew();
        var stages = new StageTimer(clock);
        var report = await importer.ImportAsync(ImportRequest.FromFile(file, "bench", "bench", dryRun: false), stages);
        var importSeconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        var peak = self.PeakWorkingSet64;
        if (report.Status != Monitoring.Core.Model.ImportStatus.Committed)
        {
            Console.WriteLine($"Import did not commit: {report.Status}, {report.ErrorCount} errors, first: {report.Errors.FirstOrDefault()}");
            return 1;
        }

        clock.Restart();
        catalog.WriteCsv(file, revision: 1);
        var reviseReport = await importer.ImportAsync(ImportRequest.FromFile(file, "bench", "bench", dryRun: false));
        var reviseSeconds = clock.Elapsed.TotalSeconds;
        self.Refresh();

        Console.WriteLine($"Monitoring import (validate, stage by COPY, merge with history): {importSeconds:F2} s, {report.Created:N0} created");
        Console.WriteLine($"  stages: {stages}");
        Console.WriteLine($"Ratio to psql \\copy: {importSeconds / copySeconds:F2}x (goal: within 2x)");
        Console.WriteLine($"Peak working set of this process: {peak / 1048576.0:F0} MB (before import {before / 1048576.0:F0} MB; goal: under 200 MB)");
        Console.WriteLine($"Second import revising the same keys: {reviseSeconds:F2} s incl. regenerating the file; {reviseReport.Changed:N0} changed, {reviseReport.Unchanged:N0} unchanged");
        Console.WriteLine($"Peak working set after both: {self.PeakWorkingSet64 / 1048576.0:F0} MB");
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async Task<double> PsqlCopyAsync(string connectionString, string file)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.ExecuteAsync(
                "DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare (indicator TEXT, area TEXT, period TEXT, value DOUBLE PRECISION, numerator DOUBLE PRECISION, denominator DOUBLE PRECISION, subgroup TEXT)");
        }
        var start = new ProcessStartInfo("psql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-h", builder.Host!, "-p", builder.Port.ToString(), "-U", builder.Username!, "-d", builder.Database!, "-v", "ON_ERROR_STOP=1", "-c", $"\\copy bench_bare FROM '{file}' WITH (FORMAT csv, HEADER true)" })
            start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException("psql failed: " + await process.StandardError.ReadToEndAsync());
        return seconds;
    }
}

/// <summary>When each import stage last reported, to see where the time goes.</summary>
internal sealed class StageTimer(Stopwatch clock) : IProgress<ImportProgress>
{
    private readonly Dictionary<string, double> _last = [];

    public void Report(ImportProgress value) => _last[value.Stage] = clock.Elapsed.TotalSeconds;

    public override string ToString() => string.Join(", ", _last.Select(s => $"{s.Key} done at {s.Value:F2} s"));
}
