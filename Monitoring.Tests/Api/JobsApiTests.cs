using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Api.Auth;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class JobsApiTests(DatabaseProvider provider)
{
    private static readonly Dictionary<string, string?> TwoJobs = new()
    {
        ["Monitoring:Jobs:Recurring:snapshot:Cron"] = "0 2 * * *",
        ["Monitoring:Jobs:Recurring:brief-nowhere:Cron"] = "0 6 1 3,6,9,12 *",
        ["Monitoring:Jobs:Recurring:brief-nowhere:Job"] = "brief",
        ["Monitoring:Jobs:Recurring:brief-nowhere:Plan"] = "nowhere",
    };

    [Test]
    public async Task The_recurring_jobs_are_listed_with_cron_time_zone_and_next_run()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, settings: TwoJobs);

        var jobs = await api.AdminClient().GetFromJsonAsync<JsonElement>("/api/v1/jobs");

        var list = jobs.EnumerateArray().ToList();
        Assert.That(list.Select(j => j.GetProperty("id").GetString()), Is.EqualTo(new[] { "brief-nowhere", "snapshot", "upload-cleanup" }));
        var snapshot = list.Single(j => j.GetProperty("id").GetString() == "snapshot");
        Assert.That(snapshot.GetProperty("cron").GetString(), Is.EqualTo("0 2 * * *"));
        Assert.That(snapshot.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Copenhagen"));
        Assert.That(snapshot.GetProperty("nextRun").GetDateTime(), Is.GreaterThan(DateTime.UtcNow));
    }

    [Test]
    public async Task Running_a_job_now_needs_an_admin_key()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, settings: TwoJobs);
        var analyst = api.ClientWithKey(await api.CreateKeyAsync(Roles.Analyst));
        var viewer = api.ClientWithKey(await api.CreateKeyAsync(Roles.Viewer));

        Assert.That((await api.CreateClient().PostAsync("/api/v1/jobs/snapshot/run", null)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await analyst.PostAsync("/api/v1/jobs/snapshot/run", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await api.CreateClient().GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await viewer.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        await ProblemJson.ReadAsync(await api.AdminClient().PostAsync("/api/v1/jobs/no-such-job/run", null), HttpStatusCode.NotFound);

        var response = await api.AdminClient().PostAsync("/api/v1/jobs/snapshot/run", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo("/api/v1/jobs/snapshot/runs"));
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
        var run = await WaitForRunAsync(api.AdminClient(), "snapshot", jobId!, r => r.GetProperty("state").GetString() == "Succeeded");
        Assert.That(run.GetProperty("result").GetString(), Does.Contain("0 plans"));
        Assert.That(run.GetProperty("durationMs").GetDouble(), Is.GreaterThanOrEqualTo(0));
        Assert.That(run.GetProperty("attempts").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_failing_job_shows_its_reason_in_its_runs_and_in_the_list()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, settings: TwoJobs);
        var admin = api.AdminClient();

        var response = await admin.PostAsync("/api/v1/jobs/brief-nowhere/run", null);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();

        var run = await WaitForRunAsync(admin, "brief-nowhere", jobId!, r => r.GetProperty("failureReason").ValueKind == JsonValueKind.String);
        Assert.That(run.GetProperty("failureReason").GetString(), Does.Contain("Plan 'nowhere' does not exist"));
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/jobs")).EnumerateArray()
            .Single(j => j.GetProperty("id").GetString() == "brief-nowhere");
        Assert.That(listed.GetProperty("lastOutcome").GetProperty("failureReason").GetString(), Does.Contain("nowhere"));
    }

    [Test]
    public async Task The_hangfire_dashboard_is_for_admins_only()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var viewer = api.ClientWithKey(await api.CreateKeyAsync(Roles.Viewer));

        // A browser without a session is sent to sign in (SignInTests covers the admin's session).
        Assert.That((await BrowserSession.Anonymous(api).GetAsync("/hangfire")).Headers.Location?.ToString(), Does.StartWith("/log-ind?tilbage=%2Fhangfire"));
        Assert.That((await api.ClientWithKey("mon_not-a-real-key").GetAsync("/hangfire")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await viewer.GetAsync("/hangfire")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var admin = await api.AdminClient().GetAsync("/hangfire");
        Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await admin.Content.ReadAsStringAsync(), Does.Contain("Monitoring jobs"));
    }

    [Test]
    public async Task A_board_brief_job_stores_a_brief_that_can_be_listed_and_downloaded()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Monitoring:Jobs:Recurring:brief-test-plan:Cron"] = "0 6 1 3,6,9,12 *",
            ["Monitoring:Jobs:Recurring:brief-test-plan:Job"] = "brief",
            ["Monitoring:Jobs:Recurring:brief-test-plan:Plan"] = "test-plan",
        });
        await TestPlans.CreateAsync(api.Database);
        var admin = api.AdminClient();
        await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,46.5,,,", "PCT,AREA-A,2023,44.1,,,")));

        var jobId = (await (await admin.PostAsync("/api/v1/jobs/brief-test-plan/run", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("jobId").GetString();
        await WaitForRunAsync(admin, "brief-test-plan", jobId!, r => r.GetProperty("state").GetString() == "Succeeded");

        var briefs = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/test-plan/briefs")).EnumerateArray().ToList();
        Assert.That(briefs, Has.Count.EqualTo(1));
        var download = await admin.GetAsync(briefs[0].GetProperty("href").GetString());
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(download.Content.Headers.ContentDisposition!.FileName, Does.StartWith("brief-test-plan-").And.EndWith(".pdf"));
        var pdf = await download.Content.ReadAsByteArrayAsync();
        Assert.That(System.Text.Encoding.ASCII.GetString(pdf, 0, 5), Is.EqualTo("%PDF-"));
        var file = Path.Combine(api.Database.Folder, "stored-brief.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var text = SystemTool.Run(SystemTool.Require("/usr/bin/pdftotext", "poppler-utils"), "-layout", file, "-");
        Assert.That(text, Does.Contain("44,1 %"), "the latest value, as the board reads it");
        await ProblemJson.ReadAsync(await admin.GetAsync("/api/v1/plans/test-plan/briefs/999"), HttpStatusCode.NotFound);
        await ProblemJson.ReadAsync(await admin.GetAsync("/api/v1/plans/no-plan/briefs"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_nightly_snapshot_stores_each_plan_as_of_today_and_serves_it_by_date()
    {
        // 22:30 UTC on 30 June is already 1 July in Copenhagen (summer time, UTC+2): the day the snapshot belongs to.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero));
        await using var api = await MonitoringApiFactory.StartAsync(provider, settings: TwoJobs, clock: clock);
        await TestPlans.CreateAsync(api.Database);
        var admin = api.AdminClient();
        await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2023,44.1,,,")));

        var jobId = (await (await admin.PostAsync("/api/v1/jobs/snapshot/run", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("jobId").GetString();
        await WaitForRunAsync(admin, "snapshot", jobId!, r => r.GetProperty("state").GetString() == "Succeeded");

        const string today = "2026-07-01";
        var dates = await admin.GetFromJsonAsync<string[]>("/api/v1/plans/test-plan/snapshots");
        Assert.That(dates, Is.EqualTo(new[] { today }));
        var later = await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/test-plan/snapshots/2999-12-31");
        Assert.That(later.GetProperty("asOf").GetString(), Is.EqualTo(today), "the picture on a later date is the latest before it");
        Assert.That(later.GetProperty("content").GetProperty("plan").GetProperty("slug").GetString(), Is.EqualTo("test-plan"));
        await ProblemJson.ReadAsync(await admin.GetAsync("/api/v1/plans/test-plan/snapshots/2000-01-01"), HttpStatusCode.NotFound);
        await ProblemJson.ReadAsync(await admin.GetAsync("/api/v1/plans/test-plan/snapshots/yesterday"), HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_large_upload_is_accepted_and_imported_by_a_background_job_with_progress_and_outcome()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Monitoring:Jobs:BackgroundUploadBytes"] = "300",
        });
        var admin = api.AdminClient();
        var rows = Enumerable.Range(0, 40).Select(i => $"MOVES,AREA-A,{2000 + i / 4}Q{i % 4 + 1},{i},,,").ToArray();

        var response = await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader(rows), "flytninger.csv"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        Assert.That(location, Does.StartWith("/api/v1/imports/uploads/"));
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(accepted.GetProperty("status").GetString(), Is.AnyOf("queued", "running", "committed"));
        var upload = await WaitForUploadAsync(admin, location);
        Assert.That(upload.GetProperty("status").GetString(), Is.EqualTo("committed"));
        Assert.That(upload.GetProperty("rowsProcessed").GetInt32(), Is.EqualTo(40));
        Assert.That(upload.GetProperty("report").GetProperty("created").GetInt32(), Is.EqualTo(40));
        var batch = await admin.GetFromJsonAsync<JsonElement>(upload.GetProperty("batch").GetString());
        Assert.That(batch.GetProperty("fileName").GetString(), Is.EqualTo("flytninger.csv"));
        Assert.That(await api.Database.CountAsync("observations"), Is.EqualTo(40));

        // A large rejected file: the status says so, with the report's row errors, and nothing is written.
        var bad = rows.Append("MOVES,ATLANTIS,2024Q1,1,,,").ToArray();
        var rejected = await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader(bad), "bad.csv"));
        var failed = await WaitForUploadAsync(admin, rejected.Headers.Location!.ToString());
        Assert.That(failed.GetProperty("status").GetString(), Is.EqualTo("rejected"));
        Assert.That(failed.GetProperty("report").GetProperty("errors")[0].GetProperty("value").GetString(), Is.EqualTo("ATLANTIS"));
        Assert.That(await api.Database.CountAsync("import_batches"), Is.EqualTo(1));
        // A small file stays synchronous.
        var small = await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("GRADE,AREA-A,2022,7,,,")));
        Assert.That(small.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task A_large_upload_keeps_the_layout_the_analyst_chose_when_it_is_imported_in_the_background()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Monitoring:Jobs:BackgroundUploadBytes"] = "300",
        });
        var admin = api.AdminClient();
        // Years as columns: detected as wide; read as long (the analyst's choice) it lacks a period column.
        var wide = System.Text.Encoding.UTF8.GetBytes("indicator;area;" + string.Join(";", Enumerable.Range(2000, 40)) + "\n" +
            "GRADE;AREA-A;" + string.Join(";", Enumerable.Range(0, 40).Select(i => (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\n");

        var asLong = await admin.PostAsync("/api/v1/imports?layout=long", MonitoringApiFactory.Upload(wide, "bred.csv"));
        var asWide = await admin.PostAsync("/api/v1/imports?layout=wide-periods", MonitoringApiFactory.Upload(wide, "bred.csv"));

        Assert.That((asLong.StatusCode, asWide.StatusCode), Is.EqualTo((HttpStatusCode.Accepted, HttpStatusCode.Accepted)));
        var rejected = await WaitForUploadAsync(admin, asLong.Headers.Location!.ToString());
        var committed = await WaitForUploadAsync(admin, asWide.Headers.Location!.ToString());
        Assert.That(rejected.GetProperty("status").GetString(), Is.EqualTo("rejected"), rejected.ToString());
        Assert.That(rejected.GetProperty("report").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("column").GetString()),
            Does.Contain("period"));
        Assert.That(committed.GetProperty("status").GetString(), Is.EqualTo("committed"), committed.ToString());
        Assert.That(committed.GetProperty("report").GetProperty("detected").GetProperty("layout").GetString(), Is.EqualTo("wide-periods"));
        Assert.That(await api.Database.CountAsync("observations"), Is.EqualTo(40));
    }

    private static async Task<JsonElement> WaitForUploadAsync(HttpClient client, string location)
    {
        JsonElement upload = default;
        await Poll.UntilAsync(async () =>
        {
            upload = await client.GetFromJsonAsync<JsonElement>(location);
            return upload.GetProperty("status").GetString() is "committed" or "rejected";
        }, TimeSpan.FromSeconds(30), $"upload {location} finished", () => upload.ToString());
        return upload;
    }

    private static async Task<JsonElement> WaitForRunAsync(HttpClient client, string recurringJobId, string jobId, Func<JsonElement, bool> done)
    {
        JsonElement? run = null;
        await Poll.UntilAsync(async () =>
        {
            var runs = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{recurringJobId}/runs");
            run = runs.EnumerateArray().FirstOrDefault(r => r.GetProperty("jobId").GetString() == jobId);
            return run is { ValueKind: JsonValueKind.Object } r && done(r);
        }, TimeSpan.FromSeconds(30), $"run {jobId} of {recurringJobId}", () => run?.ToString() ?? "not listed");
        return run!.Value;
    }
}
