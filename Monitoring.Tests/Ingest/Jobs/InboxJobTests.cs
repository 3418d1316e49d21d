using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Jobs;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Jobs;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class InboxJobTests(DatabaseProvider provider)
{
    [Test]
    public async Task A_file_written_slowly_in_pieces_is_imported_once_and_whole()
    {
        await using var database = TestDatabase.Create(provider);
        await database.SeedCatalogAsync();
        var inbox = Path.Combine(database.Folder, "inbox");
        Directory.CreateDirectory(inbox);
        // The job's own clock, moved on by the test: the settle time passes without waiting for it.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var settle = TimeSpan.FromSeconds(5);
        await using var jobs = await JobsHost.StartAsync(database, Inbox(inbox, settle: "00:00:05"), runServer: false, clock: clock);
        var job = jobs.Services.GetRequiredService<InboxJob>();
        var rows = Enumerable.Range(0, 40).Select(i => $"MOVES,AREA-A,{2000 + i / 4}Q{i % 4 + 1},{i},,,").ToList();
        var content = Csv.WithHeader([.. rows]);

        // The analyst's copy, the file open throughout: half of it is there at the job's first look,
        // the rest is written while the job waits for its second.
        await using (var file = new FileStream(Path.Combine(inbox, "flytninger.csv"), FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            await file.WriteAsync(content.AsMemory(0, content.Length / 2));
            await file.FlushAsync();
            var whileWritten = job.RunAsync(inbox, CancellationToken.None);
            await file.WriteAsync(content.AsMemory(content.Length / 2));
            await file.FlushAsync();
            clock.Advance(settle);
            Assert.That(await whileWritten, Is.EqualTo("0 imported, 0 rejected, 1 still being written"));
        }
        Assert.That(await database.CountAsync("import_batches"), Is.Zero, "a file whose size changed between the looks is left alone");
        Assert.That(File.Exists(Path.Combine(inbox, "flytninger.csv")));

        var settled = job.RunAsync(inbox, CancellationToken.None);
        clock.Advance(settle - TimeSpan.FromMilliseconds(1));
        Assert.That(settled.IsCompleted, Is.False, "the second look comes only after the whole settle time");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(await settled, Is.EqualTo("1 imported, 0 rejected, 0 still being written"));
        Assert.That(await job.RunAsync(inbox, CancellationToken.None), Is.EqualTo("0 imported, 0 rejected, 0 still being written"),
            "nothing left to take, and nothing to wait for");

        Assert.That(await database.CountAsync("import_batches"), Is.EqualTo(1));
        Assert.That(await database.CountAsync("observations"), Is.EqualTo(40), "every row, none lost to a half-written file");
        await using var connection = await database.Database.OpenAsync();
        var batch = await connection.QuerySingleAsync<(string Source, long RowsRead)>("SELECT source, rows_read FROM import_batches");
        Assert.That(batch.Source, Is.EqualTo("inbox"));
        Assert.That(File.Exists(Path.Combine(inbox, "processed", "flytninger.csv")));
        Assert.That(File.ReadAllBytes(Path.Combine(inbox, "processed", "flytninger.csv")), Is.EqualTo(content));
        Assert.That(File.ReadAllText(Path.Combine(inbox, "processed", "flytninger.csv.report.json")), Does.Contain("\"status\": \"committed\"").Or.Contain("\"status\":\"committed\""));
        Assert.That(Directory.GetFiles(inbox), Is.Empty);
    }

    [Test]
    public async Task A_file_with_a_ready_marker_is_taken_at_once_and_a_bad_file_goes_to_failed_with_its_report()
    {
        await using var database = TestDatabase.Create(provider);
        await database.SeedCatalogAsync();
        var inbox = Path.Combine(database.Folder, "inbox");
        Directory.CreateDirectory(inbox);
        await using var jobs = await JobsHost.StartAsync(database, Inbox(inbox, settle: "00:10:00"));
        await File.WriteAllBytesAsync(Path.Combine(inbox, "good.csv"), Csv.WithHeader("GRADE,AREA-A,2022,7,,,"));
        await File.WriteAllTextAsync(Path.Combine(inbox, "good.csv.ready"), "");
        await File.WriteAllBytesAsync(Path.Combine(inbox, "bad.csv"), Csv.WithHeader("GRADE,ATLANTIS,2022,7,,,", "GRADE,AREA-A,2023,7,,,koen:maend"));
        await File.WriteAllTextAsync(Path.Combine(inbox, "bad.csv.ready"), "");

        var run = await jobs.RunNowAsync("inbox", TimeSpan.FromSeconds(20));

        Assert.That(run.Result, Does.StartWith("1 imported, 1 rejected"));
        Assert.That(File.Exists(Path.Combine(inbox, "processed", "good.csv")));
        Assert.That(File.Exists(Path.Combine(inbox, "failed", "bad.csv")));
        var report = await File.ReadAllTextAsync(Path.Combine(inbox, "failed", "bad.csv.report.json"));
        Assert.That(report, Does.Contain("ATLANTIS"));
        // The inbox goes through the same rules as an upload, worded in Danish with English beside it.
        Assert.That(report, Does.Contain("mente du").And.Contain("did you mean").And.Contain("koen:mand"));
        Assert.That(Directory.GetFiles(inbox), Is.Empty, "files and markers are gone from the inbox");
        Assert.That(await database.CountAsync("observations"), Is.EqualTo(1));
    }

    private static Dictionary<string, string?> Inbox(string folder, string settle) => new()
    {
        ["Monitoring:Jobs:Recurring:inbox:Cron"] = "0 0 1 1 *",
        ["Monitoring:Jobs:Recurring:inbox:Folder"] = folder,
        ["Monitoring:Jobs:Inbox:SettleTime"] = settle,
    };
}
