using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>The activity list over HTTP: download as Danish Excel CSV, upload again, rejections with every row error, dry runs.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ActivityListApiTests(DatabaseProvider provider)
{
    private const string Activities = "/api/v1/plans/plan-p/activities";
    private const string Import = "/api/v1/plans/plan-p/activities/import";

    private async Task<MonitoringApiFactory> StartAsync()
    {
        var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();
        var plan = new { slug = "plan-p", name = "P", municipalityCode = "0901", fundingPeriod = "2019-2026", areas = new[] { "AREA-A" } };
        var created = await admin.PostAsJsonAsync("/api/v1/plans", plan);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var subAgreement = await admin.PostAsJsonAsync("/api/v1/plans/plan-p/subagreements", new
        {
            title = "Delaftale for beskæftigelse", steeringGroup = "Styregruppen for job", period = "2024-2026", goals = Array.Empty<string>(),
            activities = new object[]
            {
                new { title = "Jobcafé", description = "Åben vejledning; hver uge", partner = "Jobcentret", start = "2024-01-01", end = "2026-12-31", status = "i gang",
                      milestones = new[] { new { title = "Åbnet", due = "2024-03-01", done = true } },
                      budget = new[] { new { year = 2024, planned = 100_000.5, spent = 120_000 } } },
                new { title = "Virksomhedsbesøg", partner = "Jobcentret", start = "2024-01-01", end = "2025-12-31", status = "planlagt" },
            },
        });
        Assert.That(subAgreement.StatusCode, Is.EqualTo(HttpStatusCode.Created), await subAgreement.Content.ReadAsStringAsync());
        return api;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Test]
    public async Task The_downloaded_list_uploaded_again_changes_nothing()
    {
        await using var api = await StartAsync();
        var analyst = api.ClientWithKey(await api.CreateKeyAsync("analyst"));

        var download = await analyst.GetAsync($"{Activities}?format=csv");
        var bytes = await download.Content.ReadAsByteArrayAsync();
        var report = await Json(await analyst.PostAsync(Import, MonitoringApiFactory.Upload(bytes, "aktivitetsliste.csv")), HttpStatusCode.OK);
        var activities = await analyst.GetFromJsonAsync<JsonElement>(Activities);

        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 with a BOM, so Excel reads æøå");
        Assert.That(Encoding.UTF8.GetString(bytes), Does.Contain("delaftale;aktivitet;beskrivelse;partner;start;slut;status")
            .And.Contain("100000,5;120000"));
        Assert.That((report.GetProperty("rows").GetInt32(), report.GetProperty("created").GetInt32(), report.GetProperty("changed").GetInt32(),
            report.GetProperty("unchanged").GetInt32()), Is.EqualTo((2, 0, 0, 2)));
        foreach (var activity in activities.EnumerateArray())
        {
            var history = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{activity.GetProperty("id").GetInt64()}/history");
            Assert.That(history.GetArrayLength(), Is.EqualTo(1), "an unchanged row adds no version");
        }
    }

    [Test]
    public async Task An_uploaded_change_is_a_new_version_by_the_caller()
    {
        await using var api = await StartAsync();
        var analyst = api.ClientWithKey(await api.CreateKeyAsync("analyst"));
        var csv = Encoding.UTF8.GetBytes(
            "Delaftale;Aktivitet;Partner;Start;Slut;Status\n" +
            "Delaftale for beskæftigelse;Jobcafé;Jobcentret;01-01-2024;31-12-2026;forsinket\n" +
            "Delaftale for beskæftigelse;Mentorordning;Boligselskabet;01.02.2025;31.12.2025;planlagt\n");

        var report = await Json(await analyst.PostAsync(Import, MonitoringApiFactory.Upload(csv)), HttpStatusCode.OK);
        var jobcafe = report.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("title").GetString() == "Jobcafé");
        var history = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{jobcafe.GetProperty("activityId").GetInt64()}/history");

        Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("committed"));
        Assert.That((report.GetProperty("created").GetInt32(), report.GetProperty("changed").GetInt32()), Is.EqualTo((1, 1)));
        Assert.That(history.EnumerateArray().Select(v => (v.GetProperty("status").GetString(), v.GetProperty("changedBy").GetString() == "test analyst")),
            Is.EqualTo(new[] { ("i_gang", false), ("forsinket", true) }));
        Assert.That(history[1].GetProperty("description").GetString(), Is.EqualTo("Åben vejledning; hver uge"), "no description column: kept");
    }

    [Test]
    public async Task A_list_with_row_errors_is_rejected_with_every_error_and_a_dry_run_writes_nothing()
    {
        await using var api = await StartAsync();
        var admin = api.AdminClient();
        var before = await admin.GetStringAsync($"{Activities}?format=csv");
        var bad = Encoding.UTF8.GetBytes(
            "delaftale,aktivitet,partner,start,slut,status\n" +
            "Delaftale for beskæftigelse,Jobcafé,Jobcentret,2024-01-01,2026-12-31,afsluttet\n" +
            "Delaftale for boliger,Gårdlaug,Boligselskabet,2024-01-01,2026-12-31,i gang\n" +
            "Delaftale for beskæftigelse,Virksomhedsbesøg,Jobcentret,2024-13-01,2025-12-31,planlagt\n");
        var good = Encoding.UTF8.GetBytes(
            "delaftale,aktivitet,partner,start,slut,status\n" +
            "Delaftale for beskæftigelse,Jobcafé,Jobcentret,2024-01-01,2026-12-31,afsluttet\n");

        var rejected = await ProblemJson.ReadAsync(await admin.PostAsync(Import, MonitoringApiFactory.Upload(bad)), HttpStatusCode.UnprocessableEntity);
        using var english = new HttpRequestMessage(HttpMethod.Post, Import) { Content = MonitoringApiFactory.Upload(bad) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = await ProblemJson.ReadAsync(await admin.SendAsync(english), HttpStatusCode.UnprocessableEntity);
        var dryRun = await Json(await admin.PostAsync($"{Import}?dryRun=true", MonitoringApiFactory.Upload(good)), HttpStatusCode.OK);

        Assert.That(rejected.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())),
            Is.EqualTo(new[] { (3, "delaftale"), (4, "start") }));
        Assert.That(rejected.GetProperty("errors")[0].GetProperty("message").GetString(), Does.StartWith("Planen har ingen delaftale"));
        Assert.That(inEnglish.GetProperty("errors")[0].GetProperty("message").GetString(), Does.StartWith("The plan has no sub-agreement"));
        Assert.That((dryRun.GetProperty("status").GetString(), dryRun.GetProperty("changed").GetInt32()), Is.EqualTo(("dryRun", 1)));
        Assert.That(await admin.GetStringAsync($"{Activities}?format=csv"), Is.EqualTo(before));
    }

    [Test]
    public async Task An_unknown_plan_is_404_and_a_reader_may_download_but_not_upload()
    {
        await using var api = await StartAsync();
        var reader = api.ClientWithKey(await api.CreateKeyAsync("viewer"));
        var csv = Encoding.UTF8.GetBytes("delaftale,aktivitet,partner,start,slut,status\nD,A,P,2024-01-01,2024-12-31,planlagt\n");

        await ProblemJson.ReadAsync(await api.AdminClient().PostAsync("/api/v1/plans/no-such-plan/activities/import", MonitoringApiFactory.Upload(csv)), HttpStatusCode.NotFound);
        await ProblemJson.ReadAsync(await api.AdminClient().GetAsync("/api/v1/plans/no-such-plan/activities?format=csv"), HttpStatusCode.NotFound);
        Assert.That((await reader.GetAsync($"{Activities}?format=csv")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await reader.PostAsync(Import, MonitoringApiFactory.Upload(csv))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task The_sample_spreadsheet_updates_its_sample_plan()
    {
        await using var api = MonitoringApiFactory.StartWithSamples(provider);
        var admin = api.AdminClient();
        var file = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, "formats", "aktivitetsliste.xlsx"));

        var report = await Json(await admin.PostAsync("/api/v1/plans/oesterby-nord/activities/import", MonitoringApiFactory.Upload(file, "aktivitetsliste.xlsx")),
            HttpStatusCode.OK);
        var activities = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/activities")).EnumerateArray()
            .ToDictionary(a => a.GetProperty("title").GetString()!);

        Assert.That(report.GetProperty("format").GetString(), Does.StartWith("xlsx"));
        Assert.That((report.GetProperty("created").GetInt32(), report.GetProperty("changed").GetInt32(), report.GetProperty("unchanged").GetInt32()),
            Is.EqualTo((1, 4, 6)), "the list was saved before the sample activities' dates were moved, so two more rows differ");
        Assert.That(activities["Brobygning til ungdomsuddannelse"].GetProperty("status").GetString(), Is.EqualTo("i_gang"));
        var jobcafe = activities["Jobcafé i Solhaven"];
        Assert.That(jobcafe.GetProperty("budget").EnumerateArray().Single(b => b.GetProperty("year").GetInt32() == 2025).GetProperty("spent").GetDecimal(),
            Is.EqualTo(210_000m));
        Assert.That(jobcafe.GetProperty("milestones")[1].GetProperty("done").GetBoolean(), Is.True);
        var summerJobs = activities["Sommerjob for unge"];
        Assert.That((summerJobs.GetProperty("start").GetString(), summerJobs.GetProperty("end").GetString()), Is.EqualTo(("2025-06-01", "2025-08-31")));
    }
}
