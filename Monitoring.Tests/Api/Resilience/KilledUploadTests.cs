using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Resilience;

/// <summary>
/// The real service process killed with SIGKILL while a background upload runs, then started
/// again in the same folder: the upload must not stay "running" for ever — it is imported once,
/// whole, and its file is removed.
/// </summary>
[NonParallelizable]
public class KilledUploadTests
{
    // 300,000 rows: an import of a few seconds, so the kill lands while it runs even on an idle machine
    // (a kill just after the commit is checked as well, see below).
    private const int Indicators = 50, Areas = 200, Years = 30;

    [Test]
    public async Task A_background_upload_killed_while_running_is_imported_whole_after_restart()
    {
        var environment = new Dictionary<string, string> { ["Monitoring__Jobs__BackgroundUploadBytes"] = "1024" };
        var first = await ServiceProcess.StartAsync(environment);
        var work = first.WorkFolder;
        string uploadId;
        try
        {
            using var client = AdminClient(first);
            await DefineCatalogAsync(client);
            var accepted = await client.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(BigFile(), "stor.csv"));
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await accepted.Content.ReadAsStringAsync());
            uploadId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

            await WaitForStatusAsync(client, uploadId, "running", TimeSpan.FromSeconds(30));
            // Progress shows while the import holds SQLite's write lock (it is kept in memory there).
            var progressing = await WaitForStatusAsync(client, uploadId, "running", TimeSpan.FromSeconds(30), rowsProcessedAbove: 0);
            Assert.That(progressing.GetProperty("rowsProcessed").GetInt32(), Is.GreaterThan(0).And.LessThan(Indicators * Areas * Years));
            await first.KillAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        // The kill lands either inside the import's transaction or just after its commit; both must
        // end with the upload imported once, whole, and its file gone.
        var database = Path.Combine(work, "data", "monitoring.db");
        var statusAtKill = await ScalarAsync(database, $"SELECT status FROM uploads WHERE id = '{uploadId}'");
        var rowsAtKill = await ScalarAsync(database, "SELECT COUNT(*) FROM observations WHERE series_id IN (SELECT id FROM series WHERE indicator_code LIKE 'KILL_%')");
        if (statusAtKill is "running")
            Assert.That(rowsAtKill, Is.EqualTo(0L), "still running means the import's transaction had not committed: nothing of it was written");
        else
            Assert.That((statusAtKill, rowsAtKill), Is.EqualTo(("committed", (long)(Indicators * Areas * Years))),
                "the upload's outcome is committed in the import's own transaction");
        Assert.That(Directory.GetFiles(Path.Combine(work, "data", "uploads")), Has.Length.EqualTo(1));
        TestContext.Out.WriteLine($"killed while the upload was {statusAtKill}");

        await using var second = await ServiceProcess.StartAsync(environment, work);
        using var again = AdminClient(second);
        var upload = await WaitForStatusAsync(again, uploadId, "committed", TimeSpan.FromSeconds(120));

        Assert.That(upload.GetProperty("report").GetProperty("created").GetInt32(), Is.EqualTo(Indicators * Areas * Years));
        Assert.That(await ScalarAsync(database, "SELECT COUNT(*) FROM import_batches WHERE file_name = 'stor.csv'"), Is.EqualTo(1L), "imported once");
        // The outcome commits with the import; the file goes a moment later.
        Assert.That(() => Directory.GetFiles(Path.Combine(work, "data", "uploads")), Is.Empty.After(10_000, 50), "the upload's file is removed");
        Assert.That(second.Output, Does.Contain(uploadId));
    }

    private static HttpClient AdminClient(ServiceProcess service)
    {
        var client = service.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", File.ReadAllText(Path.Combine(service.WorkFolder, "data", "admin.key")).Trim());
        return client;
    }

    private static async Task DefineCatalogAsync(HttpClient client)
    {
        for (var i = 1; i <= Indicators; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/indicators", new
            {
                code = $"KILL_{i:00}", name = $"Testindikator {i}", unit = "percent", direction = "lowerBetter", source = "register",
                periodicity = "yearly", decimals = 1, influenceable = true,
            });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        }
        for (var a = 1; a <= Areas; a++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/areas", new { code = $"KA{a:000}", name = $"Område {a}", kind = "area", municipalityCode = "0999" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        }
    }

    private static byte[] BigFile()
    {
        var text = new StringBuilder(Csv.Header).Append('\n');
        var random = new Random(12);
        for (var i = 1; i <= Indicators; i++)
        {
            for (var a = 1; a <= Areas; a++)
            {
                for (var year = 1990; year < 1990 + Years; year++)
                {
                    var denominator = random.Next(200, 3000);
                    var numerator = random.Next(0, denominator);
                    var value = Math.Round(1000.0 * numerator / denominator) / 10;
                    text.Append(CultureInfo.InvariantCulture, $"KILL_{i:00},KA{a:000},{year},{value:0.0},{numerator},{denominator},\n");
                }
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string id, string status, TimeSpan timeout, int rowsProcessedAbove = -1)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement upload = default;
        while (DateTime.UtcNow < deadline)
        {
            upload = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/uploads/{id}");
            var now = upload.GetProperty("status").GetString();
            if (now == status && upload.GetProperty("rowsProcessed").GetInt32() > rowsProcessedAbove)
                return upload;
            if (now is "committed" or "rejected" or "failed")
                Assert.Fail($"The upload is {now}, expected {status}: {upload}");
            await Task.Delay(20);
        }
        Assert.Fail($"The upload did not reach {status} within {timeout}: {upload}");
        return upload;
    }

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
