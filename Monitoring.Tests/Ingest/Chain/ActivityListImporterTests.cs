using System.Text;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Core.Chain;
using Monitoring.Core.Model;
using Monitoring.Ingest.Chain;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Metadata;
using Monitoring.Tests.Support;
using Milestone = Monitoring.Core.Chain.Milestone;

namespace Monitoring.Tests.Ingest.Chain;

/// <summary>The activity-list upload: atomic, versioned by who and when, unchanged rows left alone, Danish Excel files and spreadsheets read, on both engines.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ActivityListImporterTests(DatabaseProvider provider)
{
    static ActivityListImporterTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Header = "delaftale,aktivitet,beskrivelse,partner,start,slut,status";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    private sealed record Setup(TestDatabase Test, ChainStore Chain, ActivityListImporter Importer, long JobcafeId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Test.DisposeAsync();
    }

    /// <summary>A plan with one sub-agreement ("Delaftale: Job") holding one running activity ("Jobcafé"), reported by the secretariat.</summary>
    private async Task<Setup> StartAsync()
    {
        var test = TestDatabase.Create(provider);
        await test.SeedCatalogAsync();
        var plans = new PlanStore(test.Database);
        await plans.CreateAsync(new PlanDefinition("p", "P", "0901", "2023-2026", null, ["AREA-A"], null));
        var plan = (await plans.FindAsync("p"))!;
        var chain = new ChainStore(test.Database, _clock);
        await chain.CreateSubAgreementAsync(plan.Id, new SubAgreementDraft("Delaftale: Job", "Job", "Styregruppen for job", "2024-2026", [],
        [
            new ActivityDraft("Jobcafé", "Åben vejledning", "Jobcentret", new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31), ActivityStatus.Running,
                [new Milestone("Åbnet", new DateOnly(2024, 3, 1), true)], [new BudgetYear(2024, 100_000m, 90_000m)], ["PCT"]),
        ]), "sekretariatet");
        var jobcafe = (await chain.ForPlanAsync("p")).Single().Activities.Single().Id;
        _clock.Advance(TimeSpan.FromDays(1));
        return new Setup(test, chain, new ActivityListImporter(plans, chain, new IndicatorStore(test.Database)), jobcafe);
    }

    private static ImportRequest Request(byte[] content, string fileName = "aktiviteter.csv", bool dryRun = false, string author = "analytiker@kommune.dk") =>
        new(content, fileName, "activity-list", author, dryRun);

    private static byte[] Utf8(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private async Task<int> VersionsAsync(TestDatabase test) => (int)await test.CountAsync("activity_versions");

    [Test]
    public async Task A_row_error_names_its_row_and_column_and_nothing_is_written()
    {
        await using var setup = await StartAsync();
        var file = Utf8(Header,
            "Delaftale: Job,Jobcafé,Åben vejledning,Jobcentret,2024-01-01,2026-12-31,forsinket",
            "Delaftale: Job,Lektiecafé,,Biblioteket,2024-01-01,2025-12-31,snart",
            "Delaftale: Skole,Sommerskole,,Skolen,2024-06-01,2024-08-01,planlagt",
            "Delaftale: Job,Mentorer,,Boligselskabet,2025-01-01,2024-01-01,i gang");

        var report = (await setup.Importer.ImportAsync("p", Request(file)))!;

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(report.Errors.Select(e => (e.Row, e.Column)), Is.EquivalentTo(new[] { (3, "status"), (4, "delaftale"), (5, "slut") }));
        Assert.That(report.Errors.All(e => e.Message.Length > 0 && e.MessageEn.Length > 0 && e.Message != e.MessageEn), Is.True, "Danish and English messages");
        Assert.That(report.Errors.Single(e => e.Row == 4).Message, Does.Contain("mente du 'Delaftale: Job'"));
        Assert.That(await VersionsAsync(setup.Test), Is.EqualTo(1), "the valid change in row 2 is not written either");
        Assert.That((await setup.Chain.FindActivityAsync(setup.JobcafeId))!.Status, Is.EqualTo(ActivityStatus.Running));
    }

    [Test]
    public async Task A_changed_status_adds_a_version_by_the_caller_and_the_old_one_stays_in_the_history()
    {
        await using var setup = await StartAsync();
        var file = Utf8(Header, "delaftale: job,JOBCAFÉ,Åben vejledning,Jobcentret,2024-01-01,2026-12-31,Forsinket");

        var report = (await setup.Importer.ImportAsync("p", Request(file)))!;
        var history = await setup.Chain.HistoryAsync(setup.JobcafeId);

        Assert.That((report.Status, report.Created, report.Changed, report.Unchanged), Is.EqualTo((ImportStatus.Committed, 0, 1, 0)));
        Assert.That(report.Activities.Single().ActivityId, Is.EqualTo(setup.JobcafeId), "the title matches without regard to case");
        Assert.That(history.Select(a => (a.Status, a.ChangedBy)), Is.EqualTo(new[]
        {
            (ActivityStatus.Running, "sekretariatet"),
            (ActivityStatus.Delayed, "analytiker@kommune.dk"),
        }));
        Assert.That(history[1].ValidFrom, Is.EqualTo(_clock.GetUtcNow()));
        Assert.That(history[1].Budget, Is.EqualTo(history[0].Budget), "the file has no budget columns, so the stored budget is kept");
        Assert.That(history[1].Milestones, Is.EqualTo(history[0].Milestones));
        Assert.That(history[1].IndicatorCodes, Is.EqualTo(new[] { "PCT" }));
    }

    [Test]
    public async Task An_unchanged_row_adds_no_version_and_a_new_title_creates_an_activity()
    {
        await using var setup = await StartAsync();
        var file = Utf8(Header,
            "Delaftale: Job,Jobcafé,Åben vejledning,Jobcentret,2024-01-01,2026-12-31,i_gang",
            "Delaftale: Job,Lektiecafé,,Biblioteket,2024-09-01,2025-06-30,planlagt");

        var report = (await setup.Importer.ImportAsync("p", Request(file)))!;
        var activities = (await setup.Chain.ForPlanAsync("p")).Single().Activities;

        Assert.That((report.Created, report.Changed, report.Unchanged, report.Rows), Is.EqualTo((1, 0, 1, 2)));
        Assert.That(await setup.Chain.HistoryAsync(setup.JobcafeId), Has.Count.EqualTo(1));
        var created = activities.Single(a => a.Title == "Lektiecafé");
        Assert.That((created.Partner, created.Start, created.Status, created.ChangedBy, created.Description),
            Is.EqualTo(("Biblioteket", new DateOnly(2024, 9, 1), ActivityStatus.Planned, "analytiker@kommune.dk", (string?)null)));
        Assert.That(report.Activities.Single(o => o.Outcome == ActivityListOutcome.Created).ActivityId, Is.EqualTo(created.Id));
    }

    [Test]
    public async Task A_Danish_Excel_csv_in_Windows_1252_with_semicolons_imports()
    {
        await using var setup = await StartAsync();
        var text = string.Join("\r\n",
            "Delaftale;Aktivitet;Beskrivelse;Ansvarlig;Start;Slut;Status;Budget 2025;Forbrug 2025;Milepæl;Frist;Nået",
            "Delaftale: Job;Fædregruppe;Møder for fædre i Søndergården;Boligselskabet Ærø;01-02-2025;31.12.2025;I GANG;1.250.000,50;99,5;Første møde;15-03-2025;ja",
            "");
        var file = Encoding.GetEncoding(1252).GetBytes(text);

        var report = (await setup.Importer.ImportAsync("p", Request(file)))!;
        var created = (await setup.Chain.ForPlanAsync("p")).Single().Activities.Single(a => a.Title == "Fædregruppe");

        Assert.That(report.Errors, Is.Empty);
        Assert.That(report.Format, Does.Contain("windows-1252").And.Contain("semicolon"));
        Assert.That((created.Description, created.Partner, created.Start, created.End, created.Status), Is.EqualTo(
            ("Møder for fædre i Søndergården", "Boligselskabet Ærø", new DateOnly(2025, 2, 1), new DateOnly(2025, 12, 31), ActivityStatus.Running)));
        Assert.That(created.Budget, Is.EqualTo(new[] { new BudgetYear(2025, 1_250_000.50m, 99.5m) }));
        Assert.That(created.Milestones, Is.EqualTo(new[] { new Milestone("Første møde", new DateOnly(2025, 3, 15), true) }));
    }

    [Test]
    public async Task An_xlsx_sheet_imports_with_text_dates_and_date_serials()
    {
        await using var setup = await StartAsync();
        var file = Xlsx.Workbook(("Aktiviteter", Xlsx.Sheet(
            ["Sub-agreement", "Activity", "Responsible", "Start", "End", "Status", "Planned 2025", "Spent 2025"],
            ["Delaftale: Job", "Jobcafé", "Jobcentret", "2024-01-01", 46022, "stoppet", 200000, 250000.5])));

        var report = (await setup.Importer.ImportAsync("p", Request(file, "aktiviteter.xlsx")))!;
        var changed = (await setup.Chain.FindActivityAsync(setup.JobcafeId))!;

        Assert.That(report.Errors, Is.Empty);
        Assert.That((report.Changed, report.Format), Is.EqualTo((1, "xlsx; sheet 'Aktiviteter'")));
        Assert.That((changed.End, changed.Status), Is.EqualTo((new DateOnly(2025, 12, 31), ActivityStatus.Stopped)));
        Assert.That(changed.Budget, Is.EqualTo(new[] { new BudgetYear(2024, 100_000m, 90_000m), new BudgetYear(2025, 200_000m, 250_000.5m) }),
            "a year the file has columns for is set; the other stored years are kept");
        Assert.That(changed.Description, Is.EqualTo("Åben vejledning"), "the file has no description column");
    }

    [Test]
    public async Task The_exported_list_uploaded_again_changes_nothing()
    {
        await using var setup = await StartAsync();
        var first = Utf8(Header + ",indikatorer,budget 2025,forbrug 2025,milepæl 1,frist 1,nået 1,milepæl 2,frist 2,nået 2",
            "Delaftale: Job,Lektiecafé,- med frivillige; og \"lektier\",=Biblioteket,2024-09-01,2025-06-30,forsinket,PCT GRADE,1234.5,10,Start,2024-09-01,ja,Evaluering,2025-06-01,nej");
        Assert.That((await setup.Importer.ImportAsync("p", Request(first)))!.Errors, Is.Empty);
        var versions = await VersionsAsync(setup.Test);

        using var export = new MemoryStream();
        ActivityListCsv.Write(export, await setup.Chain.ForPlanAsync("p"));
        _clock.Advance(TimeSpan.FromHours(1));
        var report = (await setup.Importer.ImportAsync("p", Request(export.ToArray(), "p-aktivitetsliste.csv")))!;

        Assert.That(report.Errors, Is.Empty);
        Assert.That((report.Created, report.Changed, report.Unchanged), Is.EqualTo((0, 0, 2)));
        Assert.That(await VersionsAsync(setup.Test), Is.EqualTo(versions));
        Assert.That(Encoding.UTF8.GetString(export.ToArray()), Does.StartWith("\uFEFFdelaftale;aktivitet;"));
        var lektiecafe = (await setup.Chain.ForPlanAsync("p")).Single().Activities.Single(a => a.Title == "Lektiecafé");
        Assert.That((lektiecafe.Description, lektiecafe.Partner), Is.EqualTo(("- med frivillige; og \"lektier\"", "=Biblioteket")));
    }

    [Test]
    public async Task A_dry_run_reports_what_would_happen_and_writes_nothing()
    {
        await using var setup = await StartAsync();
        var file = Utf8(Header,
            "Delaftale: Job,Jobcafé,Åben vejledning,Jobcentret,2024-01-01,2026-12-31,afsluttet",
            "Delaftale: Job,Lektiecafé,,Biblioteket,2024-09-01,2025-06-30,planlagt");

        var report = (await setup.Importer.ImportAsync("p", Request(file, dryRun: true)))!;

        Assert.That((report.Status, report.Created, report.Changed, report.Unchanged), Is.EqualTo((ImportStatus.DryRun, 1, 1, 0)));
        Assert.That(await VersionsAsync(setup.Test), Is.EqualTo(1));
        Assert.That(await setup.Test.CountAsync("activities"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_title_twice_under_one_sub_agreement_and_a_missing_column_are_errors()
    {
        await using var setup = await StartAsync();
        var twice = Utf8(Header,
            "Delaftale: Job,Lektiecafé,,Biblioteket,2024-09-01,2025-06-30,planlagt",
            "Delaftale: Job,lektiecafé,,Biblioteket,2024-09-01,2025-06-30,i gang");
        var missing = Utf8("delaftale,aktivitet,partner,start,status", "Delaftale: Job,Jobcafé,Jobcentret,2024-01-01,i gang");

        var duplicate = (await setup.Importer.ImportAsync("p", Request(twice)))!;
        var header = (await setup.Importer.ImportAsync("p", Request(missing)))!;

        Assert.That(duplicate.Errors.Select(e => (e.Row, e.Column)), Is.EqualTo(new[] { (3, "aktivitet") }));
        Assert.That(duplicate.Errors[0].Message, Does.Contain("række 2"));
        Assert.That(header.Errors.Select(e => (e.Row, e.Column)), Is.EqualTo(new[] { (1, "slut") }));
        Assert.That(await setup.Importer.ImportAsync("no-such-plan", Request(twice)), Is.Null);
        Assert.That(await VersionsAsync(setup.Test), Is.EqualTo(1));
    }

    [Test]
    public async Task A_control_character_or_an_overlong_text_is_an_error_naming_its_cell()
    {
        await using var setup = await StartAsync();
        var file = Utf8(Header,
            "Delaftale: Job,Lektie\u0000café,,Biblioteket,2024-09-01,2025-06-30,planlagt",
            $"Delaftale: Job,Mentorer,{new string('x', ActivityListReader.MaxTextLength + 1)},Boligselskabet,2025-01-01,2025-12-31,planlagt");

        var report = (await setup.Importer.ImportAsync("p", Request(file)))!;

        Assert.That(report.Errors.Select(e => (e.Row, e.Column)), Is.EqualTo(new[] { (2, "aktivitet"), (3, "beskrivelse") }));
        Assert.That(await setup.Test.CountAsync("activities"), Is.EqualTo(1));
    }
}
