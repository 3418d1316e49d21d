using System.Diagnostics;
using System.Globalization;
using Dapper;
using Monitoring.Ingest.Data;

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

        // The client is the command line an operator uses, in its own process, so its peak memory
        // is the importer's alone (not this generator's).
        var (importSeconds, peakBytes, output) = await RunClientAsync(connectionString, file);
        Console.WriteLine($"Monitoring import via the CLI (validate, stage by COPY, merge with history): {importSeconds:F2} s");
        Console.WriteLine($"Ratio to psql \\copy: {importSeconds / copySeconds:F2}x (goal: within 2x)");
        Console.WriteLine($"Peak resident memory of the importing process (VmHWM): {peakBytes / 1048576.0:F0} MB (goal: under 200 MB)");
        Console.WriteLine(string.Join(Environment.NewLine, output.Split('\n').Where(l => l.Contains("Committed") || l.Contains("committed")).Take(2)));

        catalog.WriteCsv(file, revision: 1);
        var (reviseSeconds, revisePeak, _) = await RunClientAsync(connectionString, file);
        Console.WriteLine($"Second import revising every key: {reviseSeconds:F2} s, peak {revisePeak / 1048576.0:F0} MB");
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async Task<(double Seconds, long PeakBytes, string Output)> RunClientAsync(string connectionString, string file)
    {
        var ingest = Path.Combine(AppContext.BaseDirectory, "Monitoring.Ingest.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { ingest, "import", file, "--connection", connectionString })
            start.ArgumentList.Add(argument);
        start.Environment["Monitoring__Database__Provider"] = "postgres";
        start.Environment["TERM"] = "dumb";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            await Task.Delay(20);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"The import failed ({process.ExitCode}): {await output}{await error}");
        return (seconds, peak, await output);
    }

    /// <summary>The kernel's record of the process's peak resident set (VmHWM), in bytes; 0 once it has gone.</summary>
    private static long HighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
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
        foreach (var argument in new[] { "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!, "-v", "ON_ERROR_STOP=1", "-c", $"\\copy bench_bare FROM '{file}' WITH (FORMAT csv, HEADER true)" })
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
