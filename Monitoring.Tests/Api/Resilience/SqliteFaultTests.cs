using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Resilience;

/// <summary>
/// The embedded database misbehaving under the running API: another process holding its write
/// lock, or the file replaced underneath. The service answers quickly and says so, never hangs or 500s.
/// </summary>
[NonParallelizable]
public class SqliteFaultTests
{
    private static byte[] OneRow(int year) => Csv.WithHeader($"GRADE,AREA-A,{year},7,,,");

    [Test]
    public async Task A_held_write_lock_answers_503_with_retry_after_within_seconds_and_readiness_fails()
    {
        await using var api = await MonitoringApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var admin = api.AdminClient();
        Assert.That((await admin.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Another program holding the write lock, as a long CLI import or a sqlite3 shell would.
        await using (var holder = new SqliteConnection(api.Database.Options.ConnectionString + ";Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            var clock = Stopwatch.StartNew();
            var write = await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(OneRow(2020)));
            var writeTook = clock.Elapsed;
            clock.Restart();
            var ready = await admin.GetAsync("/health/ready");
            var readyTook = clock.Elapsed;
            var read = await admin.GetAsync("/api/v1/indicators");

            var problem = await ProblemJson.ReadAsync(write, HttpStatusCode.ServiceUnavailable);
            Assert.That(writeTook, Is.LessThan(TimeSpan.FromSeconds(3.5)), "bounded busy timeout, not SQLite's 30 s");
            Assert.That(write.Headers.RetryAfter?.Delta, Is.Not.Null);
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("busy"));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await ready.Content.ReadAsStringAsync());
            Assert.That(readyTook, Is.LessThan(TimeSpan.FromSeconds(2)));
            Assert.That(ready.Headers.RetryAfter, Is.Not.Null);
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads go on while another holds the write lock");
        }

        var after = await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(OneRow(2021)));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Created), await after.Content.ReadAsStringAsync());
        Assert.That((await admin.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_replaced_database_file_fails_readiness_and_writes_reach_the_file_now_at_the_path()
    {
        await using var api = await MonitoringApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var admin = api.AdminClient();
        Assert.That((await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(OneRow(2020)))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var path = new SqliteConnectionStringBuilder(api.Database.Options.ConnectionString).DataSource;

        // A restore from a copy: a new file (new inode) renamed over the one the service opened.
        var copy = path + ".restore";
        File.Copy(path, copy);
        File.Move(copy, path, overwrite: true);
        var ready = await admin.GetAsync("/health/ready");
        var write = await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(OneRow(2021)));

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("replaced"));
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Created), await write.Content.ReadAsStringAsync());
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM import_batches";
        Assert.That(Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(2),
            "the pools were cleared, so the write went to the file at the path, not the unlinked one");
    }

    [Test]
    public async Task Liveness_answers_without_asking_the_database()
    {
        await using var api = await MonitoringApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var client = api.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("database: Healthy").And.Contain("jobs: Healthy"));
    }
}
