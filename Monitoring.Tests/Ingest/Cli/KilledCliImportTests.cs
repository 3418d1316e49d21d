using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Cli;

/// <summary>
/// The command-line import SIGKILLed at several moments of its run: each time the database holds
/// the whole file or none of it, never a part, and a last run imports it whole, once.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
[NonParallelizable]
public class KilledCliImportTests(DatabaseProvider provider)
{
    private const int Areas = 250, Years = 200;
    private const int Rows = Areas * Years;

    [Test]
    public async Task A_cli_import_killed_at_any_moment_leaves_all_or_nothing_and_a_rerun_imports_it_once()
    {
        await using var database = TestDatabase.Create(provider);
        await database.SeedCatalogAsync();
        var scopes = new ScopeStore(database.Database);
        for (var a = 1; a <= Areas; a++)
            await scopes.CreateAsync(new Scope($"KILL-{a:000}", $"Område {a}", ScopeKind.Area, "0901"));
        var file = Path.Combine(database.Folder, "drab.csv");
        await File.WriteAllTextAsync(file, BigFile());

        // Moments from early in start-up to well into the import; the machine's speed decides which land mid-import.
        var outcomes = new List<string>();
        foreach (var delay in new[] { 700, 1200, 1800, 2600, 3600 })
        {
            using var import = StartImport(database, file);
            // Drained so a full pipe never holds the import back.
            _ = import.StandardOutput.ReadToEndAsync();
            _ = import.StandardError.ReadToEndAsync();
            await Task.Delay(delay);
            var killedRunning = !import.HasExited;
            if (killedRunning)
                import.Kill(entireProcessTree: false);
            await import.WaitForExitAsync();

            var (rows, batches) = await WrittenAsync(database);
            Assert.That((rows, batches), Is.EqualTo((0L, 0L)).Or.EqualTo(((long)Rows, 1L)),
                $"after a kill at {delay} ms the file is in the database whole or not at all");
            outcomes.Add($"{delay} ms: {(killedRunning ? "killed" : "had finished")}, {rows} rows");
        }
        TestContext.Out.WriteLine(string.Join("\n", outcomes));

        using var last = StartImport(database, file);
        var output = last.StandardOutput.ReadToEndAsync();
        var errors = last.StandardError.ReadToEndAsync();
        await last.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token);
        Assert.That(last.ExitCode, Is.Zero, await output + await errors);
        Assert.That(await WrittenAsync(database), Is.EqualTo(((long)Rows, 1L)), "imported whole, in one batch");
    }

    private static Process StartImport(TestDatabase database, string file) =>
        Process.Start(WorkerProcess.CommandStart(database, ["import", file])) ?? throw new InvalidOperationException("dotnet did not start.");

    private static async Task<(long Rows, long Batches)> WrittenAsync(TestDatabase database)
    {
        await using var connection = await database.Database.OpenAsync();
        var rows = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM observations WHERE series_id IN (SELECT id FROM series WHERE scope_code LIKE 'KILL-%')");
        var batches = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM import_batches WHERE file_name = 'drab.csv'");
        return (rows, batches);
    }

    private static string BigFile()
    {
        var text = new StringBuilder(Csv.Header).Append('\n');
        var random = new Random(7);
        for (var a = 1; a <= Areas; a++)
        {
            for (var year = 1900; year < 1900 + Years; year++)
            {
                var denominator = random.Next(200, 3000);
                var numerator = random.Next(0, denominator);
                var value = Math.Round(1000.0 * numerator / denominator) / 10;
                text.Append(CultureInfo.InvariantCulture, $"PCT,KILL-{a:000},{year},{value:0.0},{numerator},{denominator},\n");
            }
        }
        return text.ToString();
    }
}
